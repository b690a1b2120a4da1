import { TemplateError } from './errors.js';

/**
 * Orders a template's resources so each comes after everything it refers to (Ref, Fn::GetAtt,
 * `${X}` / `${X.Attr}` in Fn::Sub, DependsOn), as CloudFormation does.
 */
export function orderResources(resources: Readonly<Record<string, unknown>>): string[] {
  const ids = new Set(Object.keys(resources));
  const edges = new Map<string, Set<string>>();
  for (const [id, resource] of Object.entries(resources)) {
    const found = new Set<string>();
    collectReferences(resource, ids, found);
    found.delete(id);
    edges.set(id, found);
  }
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting')
      throw new TemplateError(`circular reference: ${[...path, id].join(' → ')}`);
    state.set(id, 'visiting');
    for (const dependency of edges.get(id) ?? []) visit(dependency, [...path, id]);
    state.set(id, 'done');
    ordered.push(id);
  };
  for (const id of ids) visit(id, []);
  return ordered;
}

function collectReferences(value: unknown, ids: ReadonlySet<string>, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, ids, found);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'Ref' && typeof item === 'string' && ids.has(item)) found.add(item);
    else if (key === 'Fn::GetAtt') {
      const target = Array.isArray(item) ? item[0] : String(item).split('.')[0];
      if (typeof target === 'string' && ids.has(target)) found.add(target);
    } else if (key === 'Fn::Sub') {
      const template = Array.isArray(item) ? item[0] : item;
      for (const match of String(template).matchAll(/\$\{([^!}][^}.]*)/g)) {
        if (match[1] && ids.has(match[1])) found.add(match[1]);
      }
      if (Array.isArray(item)) collectReferences(item[1], ids, found);
    } else if (key === 'DependsOn') {
      for (const dependency of Array.isArray(item) ? item : [item]) {
        if (typeof dependency === 'string' && ids.has(dependency)) found.add(dependency);
      }
    } else collectReferences(item, ids, found);
  }
}

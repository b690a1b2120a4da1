import { describe, expect, it } from 'vitest';
import { readQueryInput } from '../../../../src/local/serviceModel/readQueryInput.js';
import { loadServiceModel } from '../../../../src/local/serviceModel/serviceModel.js';

/** An awsQuery model with a list of structures, a flattened list, a map, a number and a flag. */
const MODEL = loadServiceModel({
  metadata: { apiVersion: '2020-01-01', protocol: 'query' },
  operations: { Put: { name: 'Put', input: { shape: 'PutRequest' } } },
  shapes: {
    PutRequest: {
      type: 'structure',
      members: {
        Name: { shape: 'Text' },
        Count: { shape: 'Count' },
        Flag: { shape: 'Flag' },
        Tags: { shape: 'Tags' },
        Keys: { shape: 'Keys' },
        Flat: { shape: 'Flat' },
        Labels: { shape: 'Labels' },
      },
    },
    Text: { type: 'string' },
    Count: { type: 'integer' },
    Flag: { type: 'boolean' },
    Tag: { type: 'structure', members: { Key: { shape: 'Text' }, Value: { shape: 'Text' } } },
    Tags: { type: 'list', member: { shape: 'Tag' } },
    Keys: { type: 'list', member: { shape: 'Text' } },
    Flat: { type: 'list', member: { shape: 'Text' }, flattened: true },
    Labels: { type: 'map', key: { shape: 'Text' }, value: { shape: 'Text' } },
  },
});

const read = (query: string) => readQueryInput(MODEL, 'Put', new URLSearchParams(query));

describe('readQueryInput', () => {
  it('reads members, `.member.N` lists of structures, flattened lists and `.entry.N` maps into the JSON shape', () => {
    // Act
    const input = read(
      'Action=Put&Version=2020-01-01&Name=n&Count=42&Flag=true' +
        '&Tags.member.2.Key=b&Tags.member.2.Value=2&Tags.member.1.Key=a&Tags.member.1.Value=1' +
        '&Keys.member.1=x&Flat.1=f&Labels.entry.1.key=k&Labels.entry.1.value=v',
    );

    // Assess
    expect(input).toEqual({
      Name: 'n',
      Count: 42,
      Flag: true,
      Tags: [
        { Key: 'a', Value: '1' },
        { Key: 'b', Value: '2' },
      ],
      Keys: ['x'],
      Flat: ['f'],
      Labels: { k: 'v' },
    });
  });

  it('leaves a number or flag that does not parse as text, so the checker reports its type', () => {
    // Act
    const input = read('Count=12abc&Flag=yes');

    // Assess
    expect(input).toEqual({ Count: '12abc', Flag: 'yes' });
  });

  it('reads an empty list or structure from the bare name, and leaves absent members out', () => {
    // Act
    const input = read('Keys=&Tags.member.1=');

    // Assess
    expect(input).toEqual({ Keys: [], Tags: [{}] });
  });
});

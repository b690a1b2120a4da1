/** Credentials the local cloud accepts (it checks no signature); never real ones. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

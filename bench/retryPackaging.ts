const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * osls keeps temporary files in the service's .serverless folder; another packaging of the same
 * service at the same moment (a test run) can delete them under it. Such a failure says nothing
 * about the code being measured, so it is tried again.
 */
export async function retryPackaging<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts || !(error instanceof Error) || error.name !== 'PackageError') throw error;
      await sleep(1_000 * attempt);
    }
  }
}

import "server-only";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * Runs `work`, and again after a failure that `retryIf` accepts, up to `attempts` times in all,
 * waiting `firstDelayMs` doubled each time, jittered (×0.5–1.5) so that many callers failing
 * together do not come back together. The last failure, or one `retryIf` refuses, is thrown.
 */
export async function retrying<T>(
  work: () => Promise<T>,
  { attempts, firstDelayMs, retryIf = () => true }: { attempts: number; firstDelayMs: number; retryIf?: (error: unknown) => boolean },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !retryIf(error)) throw error;
      await sleep(firstDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}

/**
 * Where the process is in its life. Readiness turns 503 the moment shutdown begins, before
 * the listener closes, so a load balancer stops sending new work while in-flight work ends.
 */
export class Lifecycle {
  private shuttingDownSince: number | null = null;

  beginShutdown(): void {
    this.shuttingDownSince ??= Date.now();
  }

  isShuttingDown(): boolean {
    return this.shuttingDownSince !== null;
  }
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `tick` every `intervalMs` while `start`ed and the host is connected, one call at a time; `tick`
 * answers whether to keep going. Stops on disconnect, so a page left mid-rebuild stops polling.
 */
export class Poller implements ReactiveController {
  private timer: number | undefined;
  private active = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly tick: () => Promise<boolean>,
    private readonly intervalMs = 1000,
  ) {
    host.addController(this);
  }

  get running(): boolean {
    return this.active;
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.schedule();
  }

  stop(): void {
    this.active = false;
    if (this.timer !== undefined) window.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = window.setTimeout(() => {
      this.timer = undefined;
      void this.tick().then(
        (again) => {
          if (!again) this.stop();
          else if (this.active) this.schedule();
        },
        () => {
          if (this.active) this.schedule();
        },
      );
    }, this.intervalMs);
  }

  hostConnected(): void {
    // Started explicitly by the host.
  }

  hostDisconnected(): void {
    this.stop();
  }
}

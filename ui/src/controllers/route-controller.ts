import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseRoute, type Route } from '../router.js';

/** The current hash route; updates its host when the location hash changes. */
export class RouteController implements ReactiveController {
  route: Route;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly location: Pick<Location, 'hash'> = window.location,
  ) {
    this.route = parseRoute(location.hash);
    host.addController(this);
  }

  private readonly onHashChange = (): void => {
    this.route = parseRoute(this.location.hash);
    this.host.requestUpdate();
  };

  hostConnected(): void {
    window.addEventListener('hashchange', this.onHashChange);
    this.onHashChange();
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onHashChange);
  }
}

/** Goes to a hash route; when the hash is already that, tells the listeners again (a repeated search). */
export function navigate(hash: string): void {
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = hash;
}

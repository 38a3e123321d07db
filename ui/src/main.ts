/** The admin UI's entry point: defines the custom elements; index.html holds <nem-app>. */
import './components/app-shell.js';

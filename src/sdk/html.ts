/**
 * HTML to show in a table (W&B's `Html`). It is rendered only inside a sandboxed iframe with no permissions, so no
 * script in it runs and it cannot reach the app.
 */
export class Html {
  readonly html: string;

  constructor(html: string) {
    if (typeof html !== 'string') throw new TypeError('Html: expected a string of HTML');
    this.html = html;
  }
}

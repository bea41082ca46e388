/**
 * The staff app's stylesheets stop blocking the first paint: in m/index.html they are marked
 * `media="print"` (fetched at once, applied to nothing), and the entry switches them on before
 * React first renders (src/app/mobile/boot-styles.ts). The boot splash, styled inline, paints as
 * soon as the HTML arrives, so a phone on slow 4G shows the app at once instead of a white
 * screen. They stay in the head, in their order, so the cascade is what it was.
 */
import type { Plugin } from 'vite';

const STYLESHEET = /<link rel="stylesheet"([^>]*)>/g;

export function bootStyles(htmlFile: string): Plugin {
  return {
    name: 'anchang:boot-styles',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html, context) =>
        context.filename.endsWith(htmlFile) ? html.replace(STYLESHEET, '<link rel="stylesheet"$1 media="print" data-boot-style>') : html,
    },
  };
}

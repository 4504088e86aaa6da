import { errors, type Page } from 'playwright-core';

/**
 * Runs in the page (as source text: the package compiles without DOM types, and a transpiled function could carry
 * helpers the page lacks). True when the body shows anything: visible text (also inside open shadow roots, which
 * `innerText` skips, so web-component apps are not taken for blank), or a visible image, canvas, svg, video, frame,
 * form control or background image of at least 16×16 px (smaller ones are spacers and tracking pixels).
 */
const HAS_VISIBLE_CONTENT_SCRIPT = `(() => {
  const MIN_SIDE_PX = 16;
  const MEDIA = new Set(['img', 'canvas', 'svg', 'video', 'picture', 'iframe', 'object', 'embed', 'input', 'textarea', 'select', 'button']);
  const VISIBILITY = { opacityProperty: true, visibilityProperty: true };
  const body = document.body;
  if (!body || !body.checkVisibility(VISIBILITY)) return false;
  if (body.innerText.trim() !== '') return true;
  const isShown = (element) => {
    const box = element.getBoundingClientRect();
    return box.width >= MIN_SIDE_PX && box.height >= MIN_SIDE_PX && element.checkVisibility(VISIBILITY);
  };
  const visit = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.data.trim() !== '' && node.parentElement && node.parentElement.checkVisibility(VISIBILITY)) return true;
        continue;
      }
      const isMedia = MEDIA.has(node.localName) || getComputedStyle(node).backgroundImage !== 'none';
      if (isMedia && isShown(node)) return true;
      if (node.shadowRoot && visit(node.shadowRoot)) return true;
    }
    return false;
  };
  return visit(body);
})()`;

const POLL_MS = 100;

/**
 * Whether a loaded page is a white screen (白屏): nothing visible in its body. An app that renders shortly after
 * `load` gets `graceMs` to show something, polled every 100 ms; with no grace the page is judged as it is now.
 * A page that cannot be inspected (crashed, closed) is not called white: that failure is reported elsewhere.
 *
 * @example if (await isWhiteScreen(page, 1500)) fail('white screen');
 */
export async function isWhiteScreen(page: Page, graceMs: number): Promise<boolean> {
  try {
    if (graceMs < 1) return (await page.evaluate<unknown>(HAS_VISIBLE_CONTENT_SCRIPT)) !== true;
    const handle = await page.waitForFunction(HAS_VISIBLE_CONTENT_SCRIPT, undefined, {
      timeout: Math.round(graceMs),
      polling: POLL_MS,
    });
    await handle.dispose();
    return false;
  } catch (error) {
    return error instanceof errors.TimeoutError;
  }
}

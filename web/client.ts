// The only script the pages load (type=module, so old browsers simply skip it and the pages keep
// working without JavaScript). It hydrates the islands the server marked.
import { h, hydrate } from 'preact';
import { islands } from './islands/registry';
import { startOfficerApp } from './offline/page-sync';

for (const el of document.querySelectorAll<HTMLElement>('[data-island]')) {
  const Component = islands[el.dataset.island ?? ''];
  if (Component) hydrate(h(Component, JSON.parse(el.dataset.props ?? '{}')), el);
}

// 复制链接 (issue 17): a link to the page that shows an enterprise's personal link; with a clipboard,
// a click copies the link itself and says so. Without JavaScript the page opens and shows it to copy.
document.addEventListener('click', (e) => {
  const a = (e.target as Element).closest<HTMLAnchorElement>('a[data-copy]');
  if (!a?.dataset.copy || !navigator.clipboard) return;
  e.preventDefault();
  navigator.clipboard.writeText(a.dataset.copy).then(
    () => {
      a.textContent = a.dataset.copied ?? a.textContent;
    },
    () => {
      location.href = a.href;
    },
  );
});

// The officer app (issue 22): service worker, waiting-drafts badge, sending drafts when back online.
startOfficerApp();

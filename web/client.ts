// The only script the pages load (type=module, so old browsers simply skip it and the pages keep
// working without JavaScript). It hydrates the islands the server marked.
import { h, hydrate } from 'preact';
import { islands } from './islands/registry';

for (const el of document.querySelectorAll<HTMLElement>('[data-island]')) {
  const Component = islands[el.dataset.island ?? ''];
  if (Component) hydrate(h(Component, JSON.parse(el.dataset.props ?? '{}')), el);
}

import type { FunctionComponent } from 'preact';
import { islands } from '../islands/registry';

/** Server side of an island: renders the component now and marks it for hydration in the browser. */
export function Island<P extends Record<string, unknown>>({ name, props }: { name: keyof typeof islands & string; props: P }) {
  const Component = islands[name] as FunctionComponent<P>;
  return (
    <div data-island={name} data-props={JSON.stringify(props)}>
      <Component {...props} />
    </div>
  );
}

import type { ComponentChildren } from 'preact';
import { followLink } from '../router';

/** An in-console link: a real <a href> (new tab works), followed without a page load. */
export function Link(props: {
  href: string;
  class?: string;
  current?: boolean;
  children: ComponentChildren;
}) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={followLink}
    >
      {props.children}
    </a>
  );
}

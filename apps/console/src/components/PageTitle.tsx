import { useEffect, useRef } from 'react';

/** The page's h1, focused on arrival so screen readers and keyboard users start there. */
export function PageTitle({ children, title }: { children: React.ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — Open Actes`;
    ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { Who } from './who';

/**
 * Copies a personal link to paste into Zalo or an SMS. Where the clipboard is unavailable (a
 * plain-http address), the link is shown selected, for the officer to copy by hand.
 */
export function CopyLink({ link, name }: { link: string; name: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state === 'manual') input.current?.select();
    if (state !== 'copied') return;
    const t = setTimeout(() => setState('idle'), 3000);
    return () => clearTimeout(t);
  }, [state]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setState('copied');
    } catch {
      setState('manual');
    }
  };

  if (state === 'manual')
    return (
      <label class="manual-copy">
        Đường dẫn của {name} (chọn và sao chép):
        <input ref={input} readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
      </label>
    );
  return (
    <button type="button" onClick={copy}>
      {state === 'copied' ? 'Đã sao chép ✓' : 'Sao chép đường dẫn'}
      <Who name={name} />
    </button>
  );
}

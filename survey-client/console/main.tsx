import { render } from 'preact';

// The console is being built; this placeholder keeps the build green until it lands.
render(<p>Đang tải…</p>, document.getElementById('app') as HTMLElement);

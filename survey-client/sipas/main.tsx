import { render } from 'preact';
import '../form/form.css';
import { App } from './app';
import { takeFirstScreen } from './first-screen';

const root = document.getElementById('app');
const first = takeFirstScreen();
// Without its first screen (a page not drawn by the server) there is nothing to answer.
if (root && first) render(<App first={first} />, root);

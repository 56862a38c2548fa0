import { render } from 'preact';
import { App } from './app';
import './styles/base.css';
import './styles/controls.css';
import './styles/screens.css';
import './styles/tables.css';
import './styles/roster.css';
import './styles/lists.css';

const root = document.getElementById('app');
if (root) render(<App />, root);

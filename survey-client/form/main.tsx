import { render } from 'preact';
import { App, tokenFromPath } from './app';
import './form.css';

const root = document.getElementById('app');
if (root) render(<App token={tokenFromPath(location.pathname)} />, root);

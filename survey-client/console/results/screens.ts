/** The results screens with their styles: one chunk, loaded when an analyst first opens one. */
import './results.css';
import './report.css';

export { CommentsScreen } from './comments';
export { ResultsScreen } from './results-screen';
export { UnitReport } from './unit-report';

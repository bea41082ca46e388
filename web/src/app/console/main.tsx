import { loadAllMessages } from '../../i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './console-app';
import './console.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
const root = createRoot(container);
// The console needs every section of the messages; they are a separate download (src/i18n).
void loadAllMessages()
  .catch((error: unknown) => console.error('messages not loaded', error))
  .finally(() =>
    root.render(
      <StrictMode>
        <ConsoleApp />
      </StrictMode>,
    ),
  );

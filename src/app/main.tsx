import '@utrecht/component-library-css/dist/index.css';
import '@utrecht/design-tokens/dist/index.css';
import '../web/styles.css';
import '../web/shared.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { dutchMessages } from '../platform/http/schemas.ts';
import { App } from './app.tsx';

// The same Dutch messages as the server (platform/http/schemas.ts), so the check before sending says what the server would.
z.config(dutchMessages);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

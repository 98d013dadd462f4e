import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './app.component';
import { SessionProvider } from './auth/session.context';

import './styles.css';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);

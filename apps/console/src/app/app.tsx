import { useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import type { LoadedLanguage } from '../lib/i18n';
import { AppProviders } from './providers';
import { createConsoleRouter } from './router';
import './app.css';

export function App({ language }: { language: LoadedLanguage }) {
  const [router] = useState(createConsoleRouter);
  return (
    <AppProviders language={language}>
      <RouterProvider router={router} />
    </AppProviders>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api.ts';
import { sessionKeys } from './session/queries.ts';
import { App } from './app/App.tsx';
import './app/styles.css';
import './app/layout.css';

const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a network hiccup might.
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// A session that ends (expired, signed out elsewhere) sends the user back to the sign-in form.
queryClient.getQueryCache().subscribe((event) => {
  const error = event.query.state.error;
  if (error instanceof ApiError && error.status === 401 && event.query.queryKey[0] !== sessionKeys.all[0]) {
    queryClient.setQueryData(sessionKeys.all, null);
  }
});

// A data router, not <BrowserRouter>: the workspace holds back in-app navigation while labels are
// unsaved, and useBlocker needs one. App keeps its own <Routes>, so every URL is as it was.
const router = createBrowserRouter([{ path: '*', element: <App /> }]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);

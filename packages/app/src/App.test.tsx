import { render } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('boots to the sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            auth: { providers: { guest: {} } },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // The app boots to its sign-in page, which offers guest access.
    expect(
      await rendered.findByRole(
        'button',
        { name: 'Enter' },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
  }, 30_000);
});

import { describe, expect, it } from 'vitest';
import { browserVersion } from './browserVersion';

describe('browserVersion', () => {
  it('names the common browsers from their user agent strings', () => {
    expect(browserVersion('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.7339.80 Safari/537.36')).toBe('Chromium 140.0.7339.80');
    expect(browserVersion('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36')).toBe('Chromium 140.0.0.0');
    expect(browserVersion('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.3485.54')).toBe('Microsoft Edge 140.0.3485.54');
    expect(browserVersion('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox 128.0');
    expect(browserVersion('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15')).toBe('Safari 17.4');
    expect(browserVersion('curl/8.5.0')).toBeUndefined();
  });
});

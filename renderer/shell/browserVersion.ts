// Browser mode's About names the browser showing the page, read from its user agent string
// (the desktop app names Electron's Chromium from the main process instead).

/** "Chromium 140.0.7339.80", "Firefox 128.0", "Safari 17.4", or undefined for anything else. */
export function browserVersion(userAgent: string): string | undefined {
  const firefox = /\bFirefox\/([\d.]+)/.exec(userAgent);
  if (firefox) return `Firefox ${firefox[1]}`;
  const edge = /\bEdg\/([\d.]+)/.exec(userAgent);
  if (edge) return `Microsoft Edge ${edge[1]}`;
  const chrome = /\b(?:Chrome|Chromium|HeadlessChrome)\/([\d.]+)/.exec(userAgent);
  if (chrome) return `Chromium ${chrome[1]}`;
  const safari = /\bVersion\/([\d.]+).*\bSafari\//.exec(userAgent);
  if (safari) return `Safari ${safari[1]}`;
  return undefined;
}

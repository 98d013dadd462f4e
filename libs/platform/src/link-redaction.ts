/**
 * A signed link (mail, SMS) carries its token in the URL, as `/…-links/<token>` or `?token=`: whoever
 * reads the log must not be able to use it.
 */
export const redactLinkTokens = (url: string): string =>
  url.replace(/(-links\/)[^/?#]+/g, '$1[redacted]').replace(/([?&]token=)[^&#]*/g, '$1[redacted]');

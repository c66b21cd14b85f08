/** What the server's logs never show: tokens, keys and the webhook secret, wherever they appear. */
export const LOG_REDACTION = { paths: ['*.authorization', '*.token', '*.privateKey', '*.webhookSecret'], censor: '[redacted]' };

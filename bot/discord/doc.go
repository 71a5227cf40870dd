// Package discord is the Discord adapter of briefbot, over the gateway with
// github.com/bwmarrin/discordgo (v0.29.0, API v9). This file's package holds, for now,
// the session plumbing the adapter is built on; the commands and the rendering of
// replies come on top of it.
//
// The session (newSession) is a discordgo session configured for the bot:
//
//   - The REST base URL (Config.APIURL, https://discord.com/api/v9/ by default) is
//     applied by the session's own HTTP client: a transport that sends what discordgo
//     addresses to https://discord.com/api/v9/ to the configured base, and refuses any
//     other URL. discordgo's package variables (EndpointAPI and the rest) are never
//     assigned, so that sessions with different bases, and tests, run side by side.
//     The gateway URL is the one GET gateway answers.
//   - Gateway intents GUILDS | GUILD_MESSAGES | DIRECT_MESSAGES (4609). The
//     privileged MESSAGE_CONTENT is not asked for: Discord sends the content of a
//     message that mentions the bot, and of a DM, without it.
//   - discordgo's own retries are off (ShouldRetryOnRateLimit, which retries a 429 with
//     no bound, and MaxRestRetries, which retries a 502 at once). Every call goes
//     through do, which retries a 429 after the wait Discord asks for, at most
//     Config.MaxRetries times, no wait longer than Config.MaxRetryWait and all within
//     Config.MaxTotalWait, each wait logged and counted (bot.Metrics.RateLimited); a
//     call that is safe to repeat may also retry 5xx answers and transport failures
//     until a deadline (an interaction token's 15 minutes, a nonce's window).
//   - send posts a message with Create Message, its body written here (discordgo's
//     MessageSend has no nonce): content, embeds, flags, a message_reference,
//     allowed_mentions always {"parse": []}, and, for an idempotency key, a nonce with
//     enforce_nonce, so that a retried post returns the message first posted instead
//     of posting it twice.
//   - Check calls GET users/@me and tells a rejected token (ErrTokenRejected) from a
//     Discord that cannot be reached (ErrUnreachable); Connect waits out the latter,
//     then opens the gateway. discordgo then reconnects and resumes by itself after a
//     disconnect, an op 7 Reconnect or an op 9 Invalid Session (for which discordgo
//     v0.29.0 identifies again on the same connection), and Ready reports the state
//     from the session's Connect, Disconnect, Ready and Resumed events, outages and
//     recoveries included.
//   - Events are handled in order on the gateway's reader (SyncEvents): a handler must
//     return quickly, handing any work to a goroutine.
//   - Every error and log line has its credentials masked: the bot token, the tokens in
//     interaction and webhook routes, and those bot.Redact knows. discordgo's own log
//     lines (errors only) go through the standard log package.
//
// Known limits of discordgo v0.29.0: Open reads the gateway's Hello with no deadline;
// its rate limiter may sleep before a request whose bucket another caller used up
// (do waits out the bucket itself first, within its bounds, so this is rare); it does
// not use READY's resume_gateway_url; and it reconnects with waits of up to 10
// minutes.
//
// Discord documentation: gateway https://discord.com/developers/docs/events/gateway,
// gateway events https://discord.com/developers/docs/events/gateway-events, intents
// https://discord.com/developers/docs/events/gateway#gateway-intents, rate limits
// https://discord.com/developers/docs/topics/rate-limits, Create Message
// https://discord.com/developers/docs/resources/message#create-message, embed limits
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits,
// allowed mentions
// https://discord.com/developers/docs/resources/message#allowed-mentions-object,
// Get Current User https://discord.com/developers/docs/resources/user#get-current-user,
// application commands and their bulk overwrite
// https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands,
// interactions, the deferred response, its edit and follow-ups
// https://discord.com/developers/docs/interactions/receiving-and-responding, opcodes
// and close codes https://discord.com/developers/docs/topics/opcodes-and-status-codes.
package discord

// Package discord is the Discord adapter of briefbot, over the gateway with
// github.com/bwmarrin/discordgo (v0.29.0, API v9). An Adapter (New, then Run) answers
// the slash commands /brief, /who-said term:<text> [share:<bool>] and /help, and the
// messages that mention the bot, and posts unprompted (Post, a bot.Poster).
//
//   - Commands: Run registers them when it starts with a bulk overwrite (PUT), in each
//     configured guild (guild commands show at once) or globally when none is
//     configured, so a restart creates no duplicate and removes stale commands.
//   - Interactions: each is acknowledged at once with a deferred response (type 5),
//     ephemeral when only its user will see the answer (bot.Command.Visibility: /brief
//     and a shared /who-said are public), retried within the 3 s deadline while Discord
//     fails; then the bot answers in the background (bot.Bot.Start) and the answer edits
//     the response (PATCH …/messages/@original), its 5xx retried within the token's 15
//     minutes and the delivery's own bound. An answer too long for one message continues
//     in follow-ups (at most MaxMessages messages in all). Whatever fails after the
//     deferral ends in an edited apology (the bot's), so no user meets Discord's "The
//     application did not respond". A bot that is shutting down answers at once with an
//     apology instead of deferring.
//   - Mentions: "@briefbot who said ceasefire", "@briefbot who-said ceasefire",
//     "@briefbot brief", "@briefbot help", in a channel or a DM (where no mention is
//     needed), get the same answers as a reply to the message (message_reference). A
//     channel message has no ephemeral form: an answer meant for its user alone is
//     posted in the channel, where the user asked, with a note that says so and points
//     to /who-said for a private answer; a DM is private anyway. Messages of bots, this
//     one included, and of webhooks are never answered. Each reply carries a nonce with
//     enforce_nonce, so a retry after a 5xx never posts twice.
//   - Rendering: briefings as embeds, one story an embed with its points, outlets and
//     links, within Discord's limits (content 2000 characters, 10 embeds, title 256,
//     description 4096, 25 fields of 1024, footer 2048, 6000 over a message's embeds),
//     or as plain text with link previews off (StylePlain, per channel: people who
//     turned embeds off see nothing of them). Article text is escaped (Discord's
//     markdown, mentions, links, a word joiner in @everyone and @here) and every message
//     goes with allowed_mentions {"parse": []}, so nothing can ping anyone; the only
//     links are the renderer's own, to citations' http(s) URLs, in embeds or inside <…>,
//     so that no link preview appears.
//   - Posts with a key (a scheduled slot's ID, from bot/schedule through cmd/briefbot):
//     each message goes with the key's nonce and enforce_nonce, and carries the key on
//     a slot line ("briefbot · slot 2026-12-02 07:00 UTC · KEY": the last line of its
//     last embed's footer, or a last line of subtext in the plain style), because
//     Discord's history never shows nonces. Find reads the channel's recent messages
//     (GET channels/{id}/messages, newest first, paged with before, back to a time, at
//     most 1,000) for the bot's own message with the line; a channel the bot may not
//     read (a 403 or a 404; an empty history of a channel that has messages, which is
//     how Discord answers a bot without Read Message History) is ErrCannotSearch. A
//     post refused as rate limited that surely made no message is ErrRateLimited.
//
// The Adapter is built on a session (newSession), a discordgo session configured for
// the bot:
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
// discordgo v0.29.0 tries to reconnect until an attempt succeeds, even after Close (a
// heartbeat that fails as Close sends its close frame starts such a loop); once the
// session is closed, its transport answers GET gateway itself and its dialer refuses to
// dial with discordgo's ErrWSAlreadyOpen, which ends the loop without reaching Discord.
//
// Known limits of discordgo v0.29.0: Open reads the gateway's Hello with no deadline;
// its rate limiter may sleep before a request whose bucket another caller used up
// (do waits out the bucket itself first, within its bounds, so this is rare); it does
// not use READY's resume_gateway_url; it reconnects with waits of up to 10 minutes;
// and its rate limiter keeps a bucket for every route it was asked for, for the life of
// the process, while interaction routes are one an interaction (the adapter keys them
// by the interaction's ID, never its token): about a hundred bytes an interaction.
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

package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/briefbot/briefbot/bot/slack/fakeslack"
)

// TestServeBurstAgainstASlowSlack sends a burst of commands to serve while Slack takes a
// second to answer each call, more than the work slots can absorb within the reply
// timeout if deliveries held them: every command still gets exactly one message, its
// answer or an apology, and nobody meets silence.
func TestServeBurstAgainstASlowSlack(t *testing.T) {
	if testing.Short() {
		t.Skip("a burst against a slow fake")
	}
	fake := fakeslack.New()
	t.Cleanup(fake.Close)
	c := testConfig(t, fake, "replies:\n  timeout: 4s\n  max_concurrent: 4\n")
	s := startServe(t, c, testEnv)
	s.waitReady(t)
	fake.SetDelay(time.Second, time.Second)
	commands := []fakeslack.Command{{Command: "/brief"}, {Command: "/who-said", Text: "ceasefire"}, {Command: "/help"}, {Command: "/who-said"}, {Command: "/nonsense"}}
	const n = 70
	ids := make([]string, n)
	for i := range n {
		cmd := commands[i%len(commands)]
		cmd.ChannelID = fmt.Sprintf("C%03d", i)
		id, err := fake.SendCommand(cmd)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = id
		time.Sleep(20 * time.Millisecond) // 70 commands in about 1.5 s
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		st := fake.Stats()
		got := 0
		for i, id := range ids {
			got += st.PostsAnswered[fmt.Sprintf("C%03d", i)] + st.ResponsesAnswered[id]
		}
		if got >= n || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond) // a second message would come by now
	// Each command's one message must arrive and be answered: a delivery that the bot
	// gave up on may or may not have been posted, and an apology after it may be a second
	// message.
	st := fake.Stats()
	silent, doubled, cut := 0, 0, 0
	for i, id := range ids {
		ch := fmt.Sprintf("C%03d", i)
		switch st.Posts[ch] + st.Responses[id] {
		case 0:
			silent++
		case 1:
		default:
			doubled++
		}
		if st.PostsAnswered[ch]+st.ResponsesAnswered[id] != st.Posts[ch]+st.Responses[id] {
			cut++
		}
	}
	if silent > 0 || doubled > 0 || cut > 0 {
		t.Errorf("of %d commands, %d got no message, %d more than one, %d had a delivery cut short\n%s", n, silent, doubled, cut, s.logs)
	}
	if st.Acks != n {
		t.Errorf("%d acknowledgements, want %d", st.Acks, n)
	}
}

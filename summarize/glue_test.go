package summarize

import (
	"strings"
	"testing"
)

func TestUnglue(t *testing.T) {
	text := "Leavitt said hehad grown weary as agrowing number of allies, previouslydemanding talks, met afterthe vote.\n" +
		"The ceasefire held. A ceasefire was agreed. The ceasefireand the talks went on, emphasizingthe need for calm.\n" +
		"The director went online during the lockdown and spoke heartily about the format of the suburban angel festival.\n" +
		"Kimberly wrote to theatlantic.com and to @hehad on Tuesday, and the analytics team agreed to amend the plan.\n" +
		"The hehadder is no word anyone uses.\n"
	c := NewCorpus([]Article{{ID: "a", Text: text}})
	var got strings.Builder
	for i := range c.Docs[0].Sentences {
		got.WriteString(c.Docs[0].Text(i) + "\n")
	}
	for _, want := range []string{"he had grown", "as a growing", "previously demanding", "after the vote",
		"The ceasefire and the talks", "emphasizing the need"} {
		if !strings.Contains(got.String(), want) {
			t.Errorf("the text lacks %q:\n%s", want, got.String())
		}
	}
	for _, kept := range []string{"director", "online", "lockdown", "heartily", "format", "suburban", "angel", "Kimberly",
		"theatlantic.com", "@hehad", "analytics", "amend", "The ceasefire held", "hehadder"} {
		if !strings.Contains(got.String(), kept) {
			t.Errorf("%q was split:\n%s", kept, got.String())
		}
	}
}

func TestGluedSplitIsLinear(t *testing.T) {
	w := strings.Repeat("x", maxWordBytes+1)
	if gluedSplit(knownWords(), w, nil) != "" {
		t.Errorf("a word longer than any term was split")
	}
	if gluedSplit(knownWords(), "Hehad", nil) != "" {
		t.Errorf("a capitalised word was split")
	}
}

func TestListWords(t *testing.T) {
	got, ok := listWords([]byte(`{"List":["the", "and","a b"]}`))
	if !ok || strings.Join(got, "|") != "the|and|a b" {
		t.Errorf("listWords = %q, %v", got, ok)
	}
	if _, ok := listWords([]byte(`{"List":["a\"b"]}`)); ok {
		t.Error("an escape was read as is")
	}
	if len(knownWords()) < 50000 {
		t.Errorf("the word list has %d words, want the five lists", len(knownWords()))
	}
}

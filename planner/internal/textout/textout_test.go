package textout

import (
	"bytes"
	"testing"

	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/policy"
)

func TestCheckFormat(t *testing.T) {
	for _, f := range []policy.Format{"", policy.FormatText, policy.FormatJSON} {
		if err := CheckFormat(f); err != nil {
			t.Errorf("CheckFormat(%q) = %v", f, err)
		}
	}
	err := CheckFormat("xml")
	if err == nil || planner.KindOf(err) != planner.KindInvalid || err.Error() != `plan: unknown format "xml" (want text or json)` {
		t.Errorf("CheckFormat(xml) = %v (%v)", err, planner.KindOf(err))
	}
}

func TestWriteJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, map[string]int{"a": 1}, "x"); err != nil || b.String() != "{\n  \"a\": 1\n}\n" {
		t.Errorf("WriteJSON wrote %q (%v)", b.String(), err)
	}
	if err := WriteJSON(&b, make(chan int), "allocation"); err == nil || !bytes.Contains([]byte(err.Error()), []byte("plan: writing the allocation as JSON")) {
		t.Errorf("WriteJSON of a channel: %v", err)
	}
}

func TestTr(t *testing.T) {
	if Tr(false).S("a", "甲") != "a" || Tr(true).S("a", "甲") != "甲" {
		t.Error("S picks the wrong language")
	}
	if got := Tr(true).Term("", "", "transfer", 50); got == "transfer 50 y" || got == "" {
		t.Errorf("Term in Chinese = %q", got)
	}
	if got := Tr(false).Term("", "", "transfer", 50); got != "transfer 50 y" {
		t.Errorf("Term in English = %q", got)
	}
}

package policy

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/landplan/landplan/planner"
)

// Lang is the language of rendered reasons and settings.
type Lang string

// The languages.
const (
	LangEN Lang = "en"
	LangZH Lang = "zh"
)

// ParseLang parses "en" or "zh" (as --lang gives it).
func ParseLang(s string) (Lang, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en":
		return LangEN, nil
	case "zh":
		return LangZH, nil
	}
	return "", fmt.Errorf("policy: unknown language %q (want en or zh)", s)
}

// LangFromEnv returns the language the environment asks for: the first of
// LC_ALL, LC_MESSAGES and LANG that is set decides; a locale starting
// with "zh" gives LangZH, anything else LangEN. getenv is os.Getenv or a
// test's stand-in.
func LangFromEnv(getenv func(string) string) Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return LangZH
			}
			return LangEN
		}
	}
	return LangEN
}

// Format is an output format of Render.
type Format string

// The formats.
const (
	FormatText Format = "text"
	FormatJSON Format = "json"
)

// Show is what `landplan policy show --json` prints.
type Show struct {
	Name     string    `json:"name"`
	Source   string    `json:"source"`
	SHA256   string    `json:"sha256"`
	Settings []Setting `json:"settings"`
}

// Render writes the effective profile, every setting with its clause,
// confidence and source, as text in the language lang or as JSON (a Show).
func Render(w io.Writer, p *Profile, format Format, lang Lang) error {
	show := Show{Name: p.Name, Source: p.Source(), SHA256: p.SHA256(), Settings: p.Settings()}
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if err := enc.Encode(show); err != nil {
			return fmt.Errorf("policy: writing the profile as JSON: %w", err)
		}
		return nil
	case FormatText, "":
	default:
		return fmt.Errorf("policy: unknown format %q (want text or json)", format)
	}
	if lang == LangZH {
		return renderZH(w, p, show)
	}
	head := "policy profile %s (%s), sha256 %s\n\n"
	clause, noSource, sourceLabel := "clause", "(no source)", "source:"
	var b strings.Builder
	fmt.Fprintf(&b, head, show.Name, show.Source, show.SHA256)
	for _, s := range show.Settings {
		desc := s.Description
		var meta []string
		if s.Clause != "" {
			meta = append(meta, clause+" "+s.Clause)
		}
		if s.Confidence != "" {
			meta = append(meta, "["+s.Confidence+"]")
		}
		meta = append(meta, desc)
		src := s.Source
		if src == "" {
			src = noSource
		}
		fmt.Fprintf(&b, "%s = %s\n    %s\n    %s %s\n", s.Key, s.Text, strings.Join(meta, " "), sourceLabel, src)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("policy: writing the profile: %w", err)
	}
	return nil
}

// renderZH writes the profile in Chinese: every setting by its Chinese
// description (the dotted keys are in the English and JSON output), its
// value by Chinese names, the clause cited as 第N条, the confidence mark
// and a Chinese source.
func renderZH(w io.Writer, p *Profile, show Show) error {
	var b strings.Builder
	fmt.Fprintf(&b, "政策配置 %s(%s),SHA-256 %s\n", show.Name, show.Source, show.SHA256)
	b.WriteString("每项设置:说明 = 取值,其下为所依据的条款、可信度标记和来源。设置键名见 --lang en 或 --json。\n")
	b.WriteString("标记:[C] 见于政策原文;[C2] 见于适用该规则的文件;[R] 未经确认,为需按本地情况修订的参数。\n\n")
	for _, s := range show.Settings {
		fmt.Fprintf(&b, "%s = %s\n", p.LabelZH(s.Key), p.ValueTextZH(s.Key, s.Value))
		var meta []string
		if s.Clause != "" {
			meta = append(meta, planner.ClauseZH(s.Clause))
		}
		if s.Confidence != "" {
			meta = append(meta, "["+s.Confidence+"]")
		}
		if len(meta) > 0 {
			fmt.Fprintf(&b, "    %s\n", strings.Join(meta, " "))
		}
		src := SourceZH(s.Key)
		if src == "" {
			src = s.Source
		}
		if src == "" {
			src = "(无来源)"
		}
		fmt.Fprintf(&b, "    来源:%s\n", src)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("policy: writing the profile: %w", err)
	}
	return nil
}

package ingest

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// textEncoding names the character encoding a CSV file was read in.
type textEncoding string

// The encodings ReadProposals recognises.
const (
	encodingUTF8    textEncoding = "UTF-8"
	encodingUTF8BOM textEncoding = "UTF-8 with BOM"
	encodingGB18030 textEncoding = "GB18030"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// encodingError says where the bytes of a text file stop making sense.
type encodingError struct {
	Offset int // byte offset of the first bad byte, from 0
	Row    int // spreadsheet row holding it, from 1
	Msg    string
}

func (e *encodingError) Error() string {
	return fmt.Sprintf("row %d, byte offset %d: %s", e.Row, e.Offset, e.Msg)
}

// decodeText returns b as UTF-8 text: b itself when it is valid UTF-8 (a
// leading byte-order mark removed), otherwise b decoded from GB18030 (which
// includes GBK and GB2312, as Chinese Excel writes CSV). Bytes that are
// text in neither encoding, or that decode to control characters, private-use
// characters or the replacement character, are an *encodingError.
func decodeText(b []byte) (string, textEncoding, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return "", "", &encodingError{Offset: 0, Row: 1, Msg: "the file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" or as XLSX"}
	case bytes.HasPrefix(b, utf8BOM):
		body := b[len(utf8BOM):]
		if !utf8.Valid(body) {
			off := len(utf8BOM) + firstInvalidUTF8(body)
			return "", "", &encodingError{Offset: off, Row: rowAt(b, off), Msg: fmt.Sprintf("byte 0x%02X is not UTF-8 although the file starts with a UTF-8 byte-order mark", b[off])}
		}
		if err := checkRunes(b, len(utf8BOM), body); err != nil {
			return "", "", err
		}
		return string(body), encodingUTF8BOM, nil
	case utf8.Valid(b):
		if err := checkRunes(b, 0, b); err != nil {
			return "", "", err
		}
		return string(b), encodingUTF8, nil
	}
	s, err := decodeGB18030(b)
	if err != nil {
		return "", "", err
	}
	return s, encodingGB18030, nil
}

// firstInvalidUTF8 returns the offset of the first byte of b that does not
// start a valid UTF-8 sequence.
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// checkRunes rejects decoded UTF-8 text holding characters no spreadsheet
// writes: control characters other than tab, CR and LF, private-use
// characters and U+FFFD (the mark of an earlier broken conversion). raw is
// the whole file and base the offset of text within it.
func checkRunes(raw []byte, base int, text []byte) error {
	for i := 0; i < len(text); {
		if c := text[i]; c >= 0x20 && c < 0x7F {
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		if msg := badRune(r); msg != "" {
			off := base + i
			return &encodingError{Offset: off, Row: rowAt(raw, off), Msg: msg}
		}
		i += n
	}
	return nil
}

// badRune says what is wrong with r as a character of a CSV file, or "".
func badRune(r rune) string {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return ""
	case r == utf8.RuneError:
		return "the replacement character U+FFFD: the text was damaged by an earlier encoding conversion"
	case unicode.IsControl(r):
		return fmt.Sprintf("control character U+%04X: this is not a text file", r)
	case unicode.Is(unicode.Co, r):
		return fmt.Sprintf("private-use character U+%04X: the bytes are neither UTF-8 nor GB18030 text", r)
	}
	return ""
}

// decodeGB18030 decodes b from GB18030 and checks the result, locating the
// first byte that does not decode to a proper character.
func decodeGB18030(b []byte) (string, error) {
	out, _, err := transform.Bytes(simplifiedchinese.GB18030.NewDecoder(), b)
	if err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
		if checkRunes(out, 0, out) == nil {
			return string(out), nil
		}
	}
	// Slow path: walk the sequences one by one to find the culprit.
	dec := simplifiedchinese.GB18030.NewDecoder()
	buf := make([]byte, 8)
	for i := 0; i < len(b); {
		n := gb18030SeqLen(b[i:])
		if n == 0 {
			return "", &encodingError{Offset: i, Row: rowAt(b, i), Msg: fmt.Sprintf("byte 0x%02X is neither UTF-8 nor GB18030 text", b[i])}
		}
		dec.Reset()
		nd, _, derr := dec.Transform(buf, b[i:i+n], true)
		r, _ := utf8.DecodeRune(buf[:nd])
		if derr != nil || nd == 0 {
			r = utf8.RuneError
		}
		if r == utf8.RuneError {
			return "", &encodingError{Offset: i, Row: rowAt(b, i), Msg: fmt.Sprintf("bytes % X are neither UTF-8 nor GB18030 text", b[i:i+n])}
		}
		if msg := badRune(r); msg != "" {
			return "", &encodingError{Offset: i, Row: rowAt(b, i), Msg: msg}
		}
		i += n
	}
	// The whole-buffer decode disagreed with the walk; report the start.
	return "", &encodingError{Offset: 0, Row: 1, Msg: "the bytes are neither UTF-8 nor GB18030 text"}
}

// gb18030SeqLen returns the length of the GB18030 byte sequence at the
// start of b (1, 2 or 4), or 0 when b does not start one.
func gb18030SeqLen(b []byte) int {
	c0 := b[0]
	switch {
	case c0 < 0x80:
		return 1
	case c0 == 0x80:
		return 1 // the euro sign in Microsoft's code page 936
	case c0 == 0xFF || len(b) < 2:
		return 0
	}
	c1 := b[1]
	switch {
	case (c1 >= 0x40 && c1 <= 0x7E) || (c1 >= 0x80 && c1 <= 0xFE):
		return 2
	case c1 >= 0x30 && c1 <= 0x39:
		if len(b) >= 4 && b[2] >= 0x81 && b[2] <= 0xFE && b[3] >= 0x30 && b[3] <= 0x39 {
			return 4
		}
	}
	return 0
}

// rowAt returns the CSV record (spreadsheet row, from 1) holding byte off
// of b: line breaks inside quoted fields do not start a new row.
func rowAt(b []byte, off int) int {
	row, quoted := 1, false
	for i := 0; i < off && i < len(b); i++ {
		switch b[i] {
		case '"':
			quoted = !quoted
		case '\n':
			if !quoted {
				row++
			}
		}
	}
	return row
}

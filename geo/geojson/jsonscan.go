package geojson

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
	"unsafe"
)

// maxJSONDepth bounds the nesting of arrays and objects, as encoding/json
// does, so that hostile input cannot exhaust the stack.
const maxJSONDepth = 10000

// syntaxError is a JSON syntax error at a place in the input.
type syntaxError struct {
	msg       string
	offset    int64 // byte offset, 0-based
	line, col int   // 1-based; col counts bytes
	truncated bool  // the input ended early
}

func (e *syntaxError) Error() string {
	if e.truncated {
		return fmt.Sprintf("file ends unexpectedly at line %d, column %d (byte %d): %s; is the file truncated?", e.line, e.col, e.offset, e.msg)
	}
	return fmt.Sprintf("invalid JSON at line %d, column %d (byte %d): %s", e.line, e.col, e.offset, e.msg)
}

// readError wraps an error from the underlying reader, which is not a
// problem of the input's content.
type readError struct{ err error }

func (e *readError) Error() string { return e.err.Error() }
func (e *readError) Unwrap() error { return e.err }

// scanner is a streaming JSON tokenizer over an io.Reader that tracks
// lines for error messages and hands out strings and numbers with few
// allocations. Only whitespace can hold a newline in valid JSON, so lines
// are counted where whitespace is skipped.
type scanner struct {
	r    io.Reader
	buf  []byte
	pos  int   // next unread byte in buf
	end  int   // end of valid data in buf
	base int64 // stream offset of buf[0]
	eof  bool

	line      int   // 1-based line of buf[pos] as far as whitespace has been skipped
	lineStart int64 // stream offset of the start of that line

	tok     int // start of the token being read, -1 when none; kept on refill
	capture int // start of a value being captured, -1 when none; kept on refill

	depth   int
	scratch []byte // decoded strings with escapes
	keyBuf  []byte // a member name kept across a refill

	// overflow is set when a number outside the float64 range was read;
	// the number is returned as ±Inf and the caller reports it.
	overflow    bool
	overflowRaw string

	intern *internTable
}

func newScanner(r io.Reader) *scanner {
	return &scanner{r: r, buf: make([]byte, 64<<10), line: 1, tok: -1, capture: -1,
		intern: new(internTable)}
}

// newBytesScanner scans b, which must hold complete JSON already checked
// by another scanner.
func newBytesScanner(b []byte, parent *scanner) *scanner {
	return &scanner{buf: b, end: len(b), eof: true, line: 1, tok: -1, capture: -1,
		intern: parent.intern}
}

// offset returns the stream offset of the next unread byte.
func (s *scanner) offset() int64 { return s.base + int64(s.pos) }

// fill reads more input, keeping the bytes from the earliest of pos, tok
// and capture. It returns false at the end of the input.
func (s *scanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	keep := s.pos
	if s.tok >= 0 && s.tok < keep {
		keep = s.tok
	}
	if s.capture >= 0 && s.capture < keep {
		keep = s.capture
	}
	if keep > 0 {
		n := copy(s.buf, s.buf[keep:s.end])
		s.base += int64(keep)
		s.pos -= keep
		s.end = n
		if s.tok >= 0 {
			s.tok -= keep
		}
		if s.capture >= 0 {
			s.capture -= keep
		}
	}
	if s.end == len(s.buf) {
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return n > 0, nil
		}
		if err != nil {
			return n > 0, &readError{err}
		}
		if n > 0 {
			return true, nil
		}
	}
}

// more makes sure buf[pos] is valid; it returns false at the end of input.
func (s *scanner) more() (bool, error) {
	if s.pos < s.end {
		return true, nil
	}
	for s.pos >= s.end {
		ok, err := s.fill()
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

func (s *scanner) errAt(off int64, msg string, truncated bool) error {
	return &syntaxError{msg: msg, offset: off, line: s.line, col: int(off-s.lineStart) + 1, truncated: truncated}
}

func (s *scanner) errHere(msg string) error {
	return s.errAt(s.offset(), msg, false)
}

func (s *scanner) errEOF(msg string) error {
	return s.errAt(s.offset(), msg, true)
}

func (s *scanner) errUnexpected(c byte, where string) error {
	return s.errHere(fmt.Sprintf("unexpected %s %s", describeByte(c), where))
}

func describeByte(c byte) string {
	if c >= 0x20 && c < 0x7f {
		return fmt.Sprintf("%q", rune(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// skipBOM skips a UTF-8 byte order mark at the start of the input.
func (s *scanner) skipBOM() error {
	for s.end-s.pos < 3 && !s.eof {
		if _, err := s.fill(); err != nil {
			return err
		}
	}
	if s.end-s.pos >= 3 && s.buf[s.pos] == 0xEF && s.buf[s.pos+1] == 0xBB && s.buf[s.pos+2] == 0xBF {
		s.pos += 3
		s.lineStart = 3
	}
	return nil
}

// ws skips whitespace and returns the next byte without consuming it;
// ok is false at the end of input.
func (s *scanner) ws() (c byte, ok bool, err error) {
	for {
		for s.pos < s.end {
			c = s.buf[s.pos]
			switch c {
			case ' ', '\t', '\r':
				s.pos++
			case '\n':
				s.pos++
				s.line++
				s.lineStart = s.offset()
			default:
				return c, true, nil
			}
		}
		if ok, err := s.more(); !ok {
			return 0, false, err
		}
	}
}

// next skips whitespace and returns the next byte, failing at the end of
// input with a message saying what was expected.
func (s *scanner) next(expecting string) (byte, error) {
	c, ok, err := s.ws()
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, s.errEOF("expected " + expecting)
	}
	return c, nil
}

// consume skips whitespace and consumes the byte want.
func (s *scanner) consume(want byte, where string) error {
	c, ok, err := s.ws()
	if err != nil {
		return err
	}
	if !ok {
		return s.errEOF(fmt.Sprintf("expected %q %s", rune(want), where))
	}
	if c != want {
		return s.errUnexpected(c, fmt.Sprintf("(expected %q %s)", rune(want), where))
	}
	s.pos++
	return nil
}

// listNext is called after an element of an array or member of an object
// has been read: it consumes ',' and returns true, or consumes the closing
// byte and returns false.
func (s *scanner) listNext(closing byte, where string) (bool, error) {
	c, ok, err := s.ws()
	if err != nil {
		return false, err
	}
	if !ok {
		return false, s.errEOF(fmt.Sprintf("expected ',' or %q %s", rune(closing), where))
	}
	switch c {
	case ',':
		s.pos++
		return true, nil
	case closing:
		s.pos++
		return false, nil
	}
	return false, s.errUnexpected(c, fmt.Sprintf("(expected ',' or %q %s)", rune(closing), where))
}

// listStart is called after the opening byte of an array or object has
// been consumed: it returns false, consuming the closing byte, when the
// list is empty.
func (s *scanner) listStart(closing byte, where string) (bool, error) {
	c, ok, err := s.ws()
	if err != nil {
		return false, err
	}
	if !ok {
		return false, s.errEOF(fmt.Sprintf("expected a value or %q %s", rune(closing), where))
	}
	if c == closing {
		s.pos++
		return false, nil
	}
	return true, nil
}

// enter and leave bound the nesting depth.
func (s *scanner) enter() error {
	s.depth++
	if s.depth > maxJSONDepth {
		return s.errHere("arrays and objects nested too deeply")
	}
	return nil
}

func (s *scanner) leave() { s.depth-- }

// stringBytes reads a string whose opening quote is at buf[pos] and
// returns its decoded bytes, valid until the next read.
func (s *scanner) stringBytes() ([]byte, error) {
	start := s.offset()
	s.tok = s.pos
	defer func() { s.tok = -1 }()
	s.pos++ // opening quote
	escaped := false
	high := false
	for {
		for s.pos < s.end {
			c := s.buf[s.pos]
			switch {
			case c == '"':
				raw := s.buf[s.tok+1 : s.pos]
				s.pos++
				if !escaped && (!high || utf8.Valid(raw)) {
					return raw, nil
				}
				return s.decodeString(s.buf[s.tok:s.pos], start)
			case c == '\\':
				escaped = true
				if err := s.skipEscape(); err != nil {
					return nil, err
				}
				continue
			case c < 0x20:
				return nil, s.errHere(fmt.Sprintf("control character 0x%02x in string (starting at byte %d)", c, start))
			case c >= 0x80:
				high = true
			}
			s.pos++
		}
		if ok, err := s.more(); !ok {
			if err != nil {
				return nil, err
			}
			return nil, s.errEOF(fmt.Sprintf("unterminated string starting at byte %d", start))
		}
	}
}

// skipEscape checks the escape sequence starting at buf[pos] == '\\'.
func (s *scanner) skipEscape() error {
	s.pos++
	if ok, err := s.more(); !ok {
		if err != nil {
			return err
		}
		return s.errEOF("unterminated escape in string")
	}
	switch s.buf[s.pos] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.pos++
		return nil
	case 'u':
		s.pos++
		for i := 0; i < 4; i++ {
			if ok, err := s.more(); !ok {
				if err != nil {
					return err
				}
				return s.errEOF("unterminated \\u escape in string")
			}
			c := s.buf[s.pos]
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return s.errUnexpected(c, "in \\u escape (expected a hexadecimal digit)")
			}
			s.pos++
		}
		return nil
	}
	return s.errUnexpected(s.buf[s.pos], "after '\\' in string")
}

// decodeString decodes a quoted string with escapes or invalid UTF-8 the
// way encoding/json does (invalid bytes and lone surrogates become
// U+FFFD).
func (s *scanner) decodeString(quoted []byte, start int64) ([]byte, error) {
	var str string
	if err := json.Unmarshal(quoted, &str); err != nil {
		return nil, s.errAt(start, "invalid string: "+err.Error(), false)
	}
	s.scratch = append(s.scratch[:0], str...)
	return s.scratch, nil
}

// internSlots is the size of an internTable, a power of two.
const internSlots = 1024

// internTable keeps one copy of short strings seen before (property names
// and repeated values such as zone names and land-use codes), both as a
// string and boxed in an any. It is a direct-mapped cache: a string whose
// slot holds another replaces it, so unique values such as ids cost a
// hash and a comparison, and the table never grows.
type internTable struct {
	strs [internSlots]string
	anys [internSlots]any
}

// internSlot hashes b (FNV-1a) to a slot.
func internSlot(b []byte) int {
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return int(h & (internSlots - 1))
}

// internString returns b as a string, sharing one copy for short strings
// seen before.
func (s *scanner) internString(b []byte) string {
	if len(b) > 64 {
		return string(b)
	}
	t := s.intern
	i := internSlot(b)
	if v := t.strs[i]; v == string(b) && v != "" {
		return v
	}
	v := string(b)
	t.strs[i] = v
	return v
}

// internValue is internString for a string stored in an any, sharing the
// boxed value too so that repeated values cost no allocation.
func (s *scanner) internValue(b []byte) any {
	if len(b) > 64 {
		return string(b)
	}
	t := s.intern
	i := internSlot(b)
	if v, ok := t.anys[i].(string); ok && v == string(b) {
		return t.anys[i]
	}
	var v any = string(b)
	t.anys[i] = v
	return v
}

// str reads a string value.
func (s *scanner) str() (string, error) {
	b, err := s.stringBytes()
	if err != nil {
		return "", err
	}
	return s.internString(b), nil
}

// number reads a JSON number starting at buf[pos] and returns its value
// and its text (valid until the next read). A number beyond the float64
// range returns ±Inf and sets s.overflow.
func (s *scanner) number() (float64, []byte, error) {
	if n, mant, frac, neg, ok := simpleNumber(s.buf[s.pos:s.end]); ok {
		raw := s.buf[s.pos : s.pos+n]
		if frac >= 0 && mant < 1<<53 && frac < len(exactPow10) {
			s.pos += n
			// Both operands are exact, so the quotient is the correctly
			// rounded value, as strconv.ParseFloat gives it.
			v := float64(mant) / exactPow10[frac]
			if neg {
				v = -v
			}
			return v, raw, nil
		}
	}
	s.tok = s.pos
	defer func() { s.tok = -1 }()
	state := 0
	for {
		for s.pos < s.end {
			c := s.buf[s.pos]
			next := numberStates[state][c]
			if next < 0 {
				return s.finishNumber(state, c)
			}
			state = int(next)
			s.pos++
		}
		ok, err := s.more()
		if err != nil {
			return 0, nil, err
		}
		if !ok {
			return s.finishNumber(state, 0)
		}
	}
}

// The states of the JSON number grammar: 0 start, 1 after '-', 2 after a
// leading 0, 3 in integer digits, 4 after '.', 5 in fraction, 6 after e,
// 7 after the exponent's sign, 8 in exponent. A number may end in 2, 3, 5
// or 8.
//
// numberGrammar lists its transitions: from each of the states, a byte of
// the string goes to the state to.
var numberGrammar = []struct {
	from  []int
	bytes string
	to    int8
}{
	{[]int{0}, "-", 1},
	{[]int{0, 1}, "0", 2},
	{[]int{0, 1}, "123456789", 3},
	{[]int{3}, "0123456789", 3},
	{[]int{2, 3}, ".", 4},
	{[]int{2, 3, 5}, "eE", 6},
	{[]int{4, 5}, "0123456789", 5},
	{[]int{6}, "+-", 7},
	{[]int{6, 7, 8}, "0123456789", 8},
}

// numberStates is numberGrammar as a table: the next state for a state and
// a byte, -1 where the number ends.
var numberStates = func() (t [9][256]int8) {
	for i := range t {
		for c := range t[i] {
			t[i][c] = -1
		}
	}
	for _, tr := range numberGrammar {
		for _, from := range tr.from {
			for _, c := range []byte(tr.bytes) {
				t[from][c] = tr.to
			}
		}
	}
	return t
}()

// exactPow10 are the powers of ten a float64 holds exactly.
var exactPow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// simpleNumber recognises at the start of b a number without exponent
// that ends before the end of b: -?(0|[1-9][0-9]*)(\.[0-9]+)?, followed by
// a byte that cannot continue a number. It returns its length, its digits
// as an integer mant and the number of digits after the point frac, or
// frac -1 when there are more than 19 digits. ok is false for anything
// else (an exponent, a malformed or cut number), which number reads the
// long way to report it as before.
func simpleNumber(b []byte) (n int, mant uint64, frac int, neg, ok bool) {
	i := 0
	if i < len(b) && b[i] == '-' {
		neg = true
		i++
	}
	i, mant, digits, ok := intDigits(b, i)
	if !ok {
		return 0, 0, 0, false, false
	}
	if i < len(b) && b[i] == '.' {
		start := i + 1
		i, mant, digits = fracDigits(b, start, mant, digits)
		frac = i - start
		if frac == 0 {
			return 0, 0, 0, false, false
		}
	}
	if i >= len(b) || continuesNumber[b[i]] {
		return 0, 0, 0, false, false
	}
	if digits > 19 || frac > 19 {
		frac = -1
	}
	return i, mant, frac, neg, true
}

// intDigits reads the integer part of a number at b[i:]: a single 0 or
// digits not starting with 0, accumulated into mant, with their count
// (0 for the single 0).
func intDigits(b []byte, i int) (end int, mant uint64, digits int, ok bool) {
	if i >= len(b) || b[i] < '0' || b[i] > '9' {
		return i, 0, 0, false
	}
	if b[i] == '0' {
		return i + 1, 0, 0, true
	}
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		mant = mant*10 + uint64(b[i]-'0')
		digits++
		i++
	}
	return i, mant, digits, true
}

// fracDigits reads the digits after a number's point at b[i:] into mant,
// counting significant digits on from digits.
func fracDigits(b []byte, i int, mant uint64, digits int) (int, uint64, int) {
	for i < len(b) && '0' <= b[i] && b[i] <= '9' {
		if digits > 0 || b[i] != '0' {
			digits++
		}
		mant = mant*10 + uint64(b[i]-'0')
		i++
	}
	return i, mant, digits
}

// continuesNumber marks the bytes that may continue a number after its
// integer or fraction digits.
var continuesNumber = func() (t [256]bool) {
	for _, c := range []byte("eE.+-0123456789") {
		t[c] = true
	}
	return t
}()

func (s *scanner) finishNumber(state int, c byte) (float64, []byte, error) {
	switch state {
	case 2, 3, 5, 8:
	default:
		if s.pos >= s.end && s.eof {
			return 0, nil, s.errEOF("number cut short")
		}
		return 0, nil, s.errUnexpected(c, "in number")
	}
	raw := s.buf[s.tok:s.pos]
	// strconv copies the string into any error it returns, so the
	// unsafe view of the buffer does not outlive this call.
	v, err := strconv.ParseFloat(unsafe.String(&raw[0], len(raw)), 64)
	if err != nil {
		// The grammar was checked above, so the only error is ErrRange:
		// ±Inf on overflow, which the caller reports, or 0 on underflow,
		// which encoding/json accepts too.
		if !errors.Is(err, strconv.ErrRange) {
			return 0, nil, s.errHere("invalid number " + strconv.Quote(string(raw)))
		}
		if math.IsInf(v, 0) {
			s.overflow = true
			s.overflowRaw = string(raw)
		}
	}
	return v, raw, nil
}

// literal reads true, false or null.
func (s *scanner) literal() (any, error) {
	c := s.buf[s.pos]
	var word string
	var v any
	switch c {
	case 't':
		word, v = "true", true
	case 'f':
		word, v = "false", false
	case 'n':
		word, v = "null", nil
	default:
		return nil, s.errUnexpected(c, "(expected a value)")
	}
	for i := 0; i < len(word); i++ {
		if ok, err := s.more(); !ok {
			if err != nil {
				return nil, err
			}
			return nil, s.errEOF("literal " + word + " cut short")
		}
		if s.buf[s.pos] != word[i] {
			return nil, s.errUnexpected(s.buf[s.pos], "in literal "+word)
		}
		s.pos++
	}
	return v, nil
}

// valueKind names the kind of JSON value starting with c, for messages.
func valueKind(c byte) string {
	switch {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	}
	return "not a JSON value"
}

// value reads any JSON value as encoding/json decodes it into an any:
// map[string]any, []any, string, float64, bool or nil.
func (s *scanner) value() (any, error) {
	c, err := s.next("a value")
	if err != nil {
		return nil, err
	}
	switch {
	case c == '{':
		if err := s.enter(); err != nil {
			return nil, err
		}
		defer s.leave()
		s.pos++
		m := make(map[string]any)
		more, err := s.listStart('}', "in object")
		for more && err == nil {
			var k string
			if k, err = s.key(); err != nil {
				return nil, err
			}
			var v any
			if v, err = s.value(); err != nil {
				return nil, err
			}
			m[k] = v
			more, err = s.listNext('}', "in object")
		}
		return m, err
	case c == '[':
		if err := s.enter(); err != nil {
			return nil, err
		}
		defer s.leave()
		s.pos++
		a := []any{}
		more, err := s.listStart(']', "in array")
		for more && err == nil {
			var v any
			if v, err = s.value(); err != nil {
				return nil, err
			}
			a = append(a, v)
			more, err = s.listNext(']', "in array")
		}
		return a, err
	case c == '"':
		b, err := s.stringBytes()
		if err != nil {
			return nil, err
		}
		return s.internValue(b), nil
	case c == '-' || '0' <= c && c <= '9':
		v, _, err := s.number()
		return v, err
	}
	return s.literal()
}

// key reads an object member name and the colon after it.
func (s *scanner) key() (string, error) {
	b, err := s.keyBytes()
	if err != nil {
		return "", err
	}
	return s.internString(b), nil
}

// keyBytes reads an object member name and the colon after it, returning
// the name's bytes, valid until the next read.
func (s *scanner) keyBytes() ([]byte, error) {
	c, err := s.next("a member name")
	if err != nil {
		return nil, err
	}
	if c != '"' {
		return nil, s.errUnexpected(c, "(expected a quoted member name)")
	}
	b, err := s.stringBytes()
	if err != nil {
		return nil, err
	}
	// The colon may need a refill that moves the buffer: keep the name.
	if s.pos >= s.end || s.buf[s.pos] != ':' {
		s.keyBuf = append(s.keyBuf[:0], b...)
		b = s.keyBuf
		if err := s.consume(':', "after member name"); err != nil {
			return nil, err
		}
		return b, nil
	}
	s.pos++
	return b, nil
}

// skip reads and checks one value without building it.
func (s *scanner) skip() error {
	c, err := s.next("a value")
	if err != nil {
		return err
	}
	switch {
	case c == '{':
		if err := s.enter(); err != nil {
			return err
		}
		defer s.leave()
		s.pos++
		more, err := s.listStart('}', "in object")
		for more && err == nil {
			if _, err = s.keyBytes(); err != nil {
				return err
			}
			if err = s.skip(); err != nil {
				return err
			}
			more, err = s.listNext('}', "in object")
		}
		return err
	case c == '[':
		if err := s.enter(); err != nil {
			return err
		}
		defer s.leave()
		s.pos++
		more, err := s.listStart(']', "in array")
		for more && err == nil {
			if err = s.skip(); err != nil {
				return err
			}
			more, err = s.listNext(']', "in array")
		}
		return err
	case c == '"':
		_, err := s.stringBytes()
		return err
	case c == '-' || '0' <= c && c <= '9':
		_, _, err := s.number()
		return err
	}
	_, err = s.literal()
	return err
}

// captureValue reads and checks one value and returns a copy of its text.
func (s *scanner) captureValue() ([]byte, error) {
	if _, err := s.next("a value"); err != nil {
		return nil, err
	}
	s.capture = s.pos
	defer func() { s.capture = -1 }()
	if err := s.skip(); err != nil {
		return nil, err
	}
	return append([]byte(nil), s.buf[s.capture:s.pos]...), nil
}

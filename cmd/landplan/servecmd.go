package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/landplan/landplan/data"
	"github.com/landplan/landplan/export"
	"github.com/landplan/landplan/planner"
	"github.com/landplan/landplan/planner/assign"
	"github.com/landplan/landplan/planner/explain"
	"github.com/landplan/landplan/planner/plan"
	"github.com/landplan/landplan/planner/policy"
	"github.com/landplan/landplan/web"
)

// serveOptions are the flags of `landplan serve`.
type serveOptions struct {
	addr       string
	token      string
	tokenFile  string
	policyFile string
	timeLimit  time.Duration
	// gap and maxMemory are the defaults of runs started from the page.
	gap       float64
	maxMemory byteSize
}

// minTokenLen is the shortest access token accepted: 16 characters, about
// 80 bits or more of a random text.
const minTokenLen = 16

// tokenEnv names the environment variable that may hold the access token.
const tokenEnv = "LANDPLAN_TOKEN"

// readToken returns the access token of --token-file or $LANDPLAN_TOKEN
// ("" when neither is given), or a usage error saying what is wrong with
// it. The token is never taken from the command line, where every user of
// the machine sees it in ps.
func readToken(file string) (string, error) {
	tok, from := os.Getenv(tokenEnv), "$"+tokenEnv
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", &usageError{msg: fmt.Sprintf("--token-file: %v", err), zh: "--token-file " + readErrorZH(file, err)}
		}
		tok, from = strings.TrimSpace(string(b)), "--token-file "+file
	}
	if tok == "" {
		if file != "" {
			return "", usageBoth("%s: the file is empty: write a token of at least %d characters in it", "%s：文件为空：请在其中写入至少 %d 个字符的访问令牌", from, minTokenLen)
		}
		return "", nil
	}
	if n := len([]rune(tok)); n < minTokenLen {
		return "", usageBoth("%s: the token has %d characters: at least %d are needed (e.g. openssl rand -hex 16)", "%s：访问令牌只有 %d 个字符，至少需要 %d 个（如 openssl rand -hex 16）", from, n, minTokenLen)
	}
	for i, r := range tok {
		if r <= ' ' || r > '~' {
			return "", usageBoth("%s: character %d of the token is %q: use printable ASCII without spaces", "%s：访问令牌的第 %d 个字符是 %q：请只用不含空格的可打印 ASCII 字符", from, i+1, r)
		}
	}
	return tok, nil
}

// runServe serves the web interface over the database until ctx ends.
func (m *Main) runServe(ctx context.Context) error {
	o, host, err := m.serveFlags()
	if err != nil {
		return err
	}
	db, err := m.openDB(false)
	if err != nil {
		return err
	}
	srv, err := m.newWebServer(db, o)
	if err != nil {
		return err
	}
	defer srv.Close()
	return m.serve(ctx, srv, o, host)
}

// serveFlags parses and checks the flags of landplan serve, reads the
// access token (made up off loopback when none is given) and returns them
// with the host to listen on.
func (m *Main) serveFlags() (o serveOptions, host string, err error) {
	fs := m.newFlagSet()
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&o.tokenFile, "token-file", "", "file holding the access token every request must carry (or $LANDPLAN_TOKEN; off loopback one is generated when neither is given)")
	argvToken := fs.String("token", "", "refused: a token on the command line is visible in ps; use --token-file or $LANDPLAN_TOKEN")
	fs.StringVar(&o.policyFile, "policy", "", "policy profile file (default: the embedded Liuzhou 2022 profile)")
	fs.DurationVar(&o.timeLimit, "time-limit", plan.DefaultTimeLimit, "solver time limit of a run started from the page (the form may ask another)")
	fs.Float64Var(&o.gap, "gap", plan.DefaultTargetGap, "target gap of a run started from the page (the form may ask another; 0: proven optimal)")
	fs.Var(&o.maxMemory, "max-memory", "memory budget of a run started from the page, e.g. 4GiB (default: three quarters of the memory available; 0: none)")
	pos, err := m.parseArgs(fs)
	if err != nil {
		return o, "", err
	}
	if len(pos) != 0 {
		return o, "", usageBoth("serve takes no arguments (did you mean --addr %s?)", "serve 不接受位置参数（是否想用 --addr %s？）", pos[0])
	}
	if *argvToken != "" {
		return o, "", usageBoth("--token: a token on the command line is visible to every user of the machine (ps): put it in a file readable only by you and give --token-file FILE, or set $%s", "--token：命令行上的访问令牌本机每个用户都能看到（ps）：请写入只有你能读的文件并用 --token-file 文件，或设置 $%s", tokenEnv)
	}
	if err := checkTimeLimit(o.timeLimit); err != nil {
		return o, "", err
	}
	if err := checkGap(o.gap); err != nil {
		return o, "", err
	}
	if o.token, err = readToken(o.tokenFile); err != nil {
		return o, "", err
	}
	host, _, err = net.SplitHostPort(o.addr)
	if err != nil {
		return o, "", usageBoth("--addr %q: want HOST:PORT, e.g. 127.0.0.1:8080", "--addr %q 无效：应为 主机:端口，如 127.0.0.1:8080", o.addr)
	}
	if !isLoopbackHost(host) && o.token == "" {
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			return o, "", fmt.Errorf("serve: making an access token: %w", err)
		}
		o.token = hex.EncodeToString(b)
	}
	return o, host, nil
}

// serve listens on o.addr and serves srv until ctx ends, then shuts the
// server down, giving requests in flight five seconds.
func (m *Main) serve(ctx context.Context, srv *web.Server, o serveOptions, host string) error {
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("serve: listening on %s: %w", o.addr, err)
	}
	shown, local := servingAddress(host, ln.Addr(), o.token)
	fmt.Fprintf(m.Stderr, m.tr("serving %s on %s (Ctrl-C stops)\n", "正在提供 %s 的网页界面：%s（Ctrl-C 停止）\n"), m.DBPath, shown)
	if local != "" {
		fmt.Fprintf(m.Stderr, m.tr("  every interface of this machine; from the machine itself: %s\n", "  本机所有网络接口；在本机上打开：%s\n"), local)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          nil,
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	// The latest plan's map data is built (first in the command's
	// language) while the first reader opens the page.
	srv.Warm(m.lang())
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("serve: shutting down: %w", err)
	}
	fmt.Fprintln(m.Stderr, m.tr("stopped serving", "已停止服务"))
	return nil
}

// servingAddress is the address printed for the listener: the host as
// --addr gave it with the port listened on, and ?token= when there is a
// token. For an unspecified host ("", 0.0.0.0 or ::: every interface) it
// is 0.0.0.0 (or [::]) and local is the address on this machine itself.
func servingAddress(host string, addr net.Addr, token string) (shown, local string) {
	port := ""
	if ta, ok := addr.(*net.TCPAddr); ok {
		port = fmt.Sprint(ta.Port)
	} else if _, p, err := net.SplitHostPort(addr.String()); err == nil {
		port = p
	}
	q := "/"
	if token != "" {
		q += "?token=" + token
	}
	ip := net.ParseIP(host)
	if host == "" || ip != nil && ip.IsUnspecified() {
		shown := "0.0.0.0"
		if ip != nil && ip.To4() == nil {
			shown = "[::]"
		}
		return "http://" + net.JoinHostPort(strings.Trim(shown, "[]"), port) + q, "http://127.0.0.1:" + port + q
	}
	return "http://" + net.JoinHostPort(host, port) + q, ""
}

// isLoopbackHost reports whether host (from --addr) is a loopback name or
// address; an empty host means every interface.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// newWebServer builds the web interface over db: the database as its
// store, a runner around the planning run, the profile and the exports.
func (m *Main) newWebServer(db *data.DB, o serveOptions) (*web.Server, error) {
	prof, err := loadProfile(o.policyFile)
	if err != nil {
		return nil, err
	}
	return web.New(web.Config{
		Store:   db,
		Run:     m.webRunner(db, o),
		Sweep:   m.webSweeper(db, o, prof),
		Profile: prof,
		Export:  m.webExporter(db),
		Formats: webFormats,
		Token:   o.token,
		Log:     m.Stderr,
	})
}

// webRunner makes and stores a plan for the page with planRun, the
// solver's progress passed on.
func (m *Main) webRunner(db *data.DB, o serveOptions) web.Runner {
	return func(ctx context.Context, scenario string, limits web.RunLimits, progress func(assign.Progress)) (*plan.Plan, error) {
		po := planOptions{scenario: scenario, policyFile: o.policyFile, timeLimit: o.timeLimit, gap: o.gap, maxMemory: o.maxMemory.bytes(), progress: progress}
		if limits.TimeLimit > 0 {
			po.timeLimit = limits.TimeLimit
		}
		if limits.Gap != nil {
			po.gap = *limits.Gap
		}
		po.horizon, po.previous = limits.Horizon, limits.Previous
		p, err := m.planRun(ctx, db, po)
		var ue *usageError
		if errors.As(err, &ue) {
			// A horizon the profile's planning year refuses: bad input.
			return nil, withZH(planner.Errorf(planner.KindInvalid, "%s", strings.TrimLeft(ue.Error(), "-")), strings.TrimLeft(ue.zh, "-"))
		}
		return p, err
	}
}

// The database tells the web interface when its parcels change, so that
// the map data it keeps is rebuilt after an import.
var _ web.ParcelsVersioner = (*data.DB)(nil)

// It tells when a plan or scenario is stored, so that the map and plans
// pages it keeps are rendered again.
var _ web.PlansVersioner = (*data.DB)(nil)

// webFormats are the downloads the page offers beside the plan's JSON:
// the formats of landplan export (export.Formats), and the plan as text.
var webFormats = func() []web.ExportFormat {
	var fs []web.ExportFormat
	for _, f := range export.Formats {
		fs = append(fs, web.ExportFormat{Name: f.Name, Ext: f.Ext, ContentType: f.ContentType})
	}
	return append(fs, web.ExportFormat{Name: "txt", Ext: "txt", ContentType: "text/plain; charset=utf-8"})
}()

// webExporter writes a plan in one of webFormats, in the language of the
// page: the export formats through export.WritePlan, as landplan export
// writes them.
func (m *Main) webExporter(db *data.DB) web.Exporter {
	return func(ctx context.Context, w io.Writer, p *plan.Plan, format string, lang policy.Lang) error {
		if format == "txt" {
			return explain.Render(w, p, policy.FormatText, lang)
		}
		if !export.IsFormat(format) {
			return planner.Errorf(planner.KindNotFound, "no export format %q", format)
		}
		parcels, err := db.Parcels(ctx)
		if err != nil {
			return err
		}
		if len(parcels) == 0 {
			return planner.Errorf(planner.KindInvalid, "%s holds no parcels to export", m.DBPath)
		}
		return export.WritePlan(ctx, w, p, parcels, export.Options{Format: format, Lang: lang})
	}
}

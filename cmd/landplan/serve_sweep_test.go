package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestServeSweep drives the /sweep page of the real server over the demo:
// a bad range is refused naming the key, a good one runs to its end with
// its rows and the chart of a chosen indicator, in Chinese.
func TestServeSweep(t *testing.T) {
	db := sampleDB(t)
	base, _ := startServe(t, "--db", db, "--addr", "127.0.0.1:0", "--time-limit", "20s")
	c := client(t)
	code, page := get(t, c, base+"sweep?lang=zh", nil)
	if code != 200 || !strings.Contains(page, `id="sweep-form"`) || !strings.Contains(page, "参数扫描") {
		t.Fatalf("sweep page: %d\n%.500s", code, page)
	}
	token := csrfOf(t, page)
	post := func(body string) (int, string) {
		req, _ := http.NewRequest("POST", base+"api/sweep", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", token)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := resp.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		return resp.StatusCode, b.String()
	}
	if code, body := post(`{"sets": ["quota.new_land_mu=1200:1000:100"]}`); code != 400 || !strings.Contains(body, "quota.new_land_mu") {
		t.Errorf("bad range: %d %s", code, body)
	}
	if code, body := post(`{"sets": ["quota.new_land_mu=0,3000"]}`); code != 202 {
		t.Fatalf("start: %d %s", code, body)
	}
	var st struct {
		State string
		Rows  []struct{ Plan string }
		Error string
	}
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		_, body := get(t, c, base+"api/sweep", nil)
		if err := json.Unmarshal([]byte(body), &st); err != nil {
			t.Fatal(err)
		}
		if st.State != "running" {
			break
		}
		time.Sleep(300 * time.Millisecond)
	}
	if st.State != "done" || len(st.Rows) != 2 {
		t.Fatalf("sweep ended %q with %d rows: %s", st.State, len(st.Rows), st.Error)
	}
	code, svg := get(t, c, base+"api/sweep/chart?indicator=projects&lang=zh", nil)
	if code != 200 || !strings.Contains(svg, "<svg") || !strings.Contains(svg, "安排项目数") {
		t.Errorf("chart: %d %.300s", code, svg)
	}
	if code, _ := get(t, c, base+"api/sweep/chart?indicator=nope", nil); code != 400 {
		t.Errorf("unknown indicator: %d, want 400", code)
	}
	if code, _ := get(t, c, base+"plans/"+st.Rows[1].Plan, nil); code != 200 {
		t.Errorf("the point's plan page: %d", code)
	}
}

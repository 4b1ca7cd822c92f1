package main

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"

	"github.com/landplan/landplan/planner"
)

// usageBoth is a usage error with its message in English and in Chinese,
// each format taking the same args: under --lang zh the Chinese one is
// shown.
func usageBoth(en, zh string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(en, args...), zh: fmt.Sprintf(zh, args...)}
}

// errorText is err as the user reads it in lang: under zh the Chinese
// form of a usage error or of a reader's error with its diagnostics
// (planner.TextZH) where it has one, else the error as it is.
func errorText(err error, lang string) string {
	if lang != langZH {
		return err.Error()
	}
	var ue *usageError
	if errors.As(err, &ue) && ue.zh != "" && error(ue) == err {
		return ue.zh
	}
	if s, ok := planner.TextZH(err); ok {
		return s
	}
	return err.Error()
}

// The flag package's messages for a bad value or a missing one.
var (
	flagBadValue  = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-(\S+): `)
	flagNeedsArg  = regexp.MustCompile(`^flag needs an argument: -(\S+)$`)
	flagBadSyntax = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// flagMessageZH is the Chinese form of the flag package's error msg for
// the command cmd; "" for a message it does not know.
func flagMessageZH(cmd, msg string) string {
	if m := flagBadValue.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s：参数 --%s 的值 %q 无效（landplan %s --help 列出其参数）", cmd, m[2], m[1], cmd)
	}
	if m := flagNeedsArg.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s：参数 --%s 需要一个值（landplan %s --help 列出其参数）", cmd, m[1], cmd)
	}
	if m := flagBadSyntax.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s：参数写法有误：%s（landplan %s --help 列出其参数）", cmd, m[1], cmd)
	}
	return ""
}

// withZH gives err, a *planner.Error, its Chinese message zh.
func withZH(err error, zh string) error {
	var e *planner.Error
	if errors.As(err, &e) {
		e.MsgZH = zh
	}
	return err
}

// readErrorZH says in Chinese why the input file path could not be read.
func readErrorZH(path string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return path + "：文件不存在"
	case errors.Is(err, fs.ErrPermission):
		return path + "：没有读取权限"
	}
	return path + "：无法读取文件"
}

// crsErrorZH says in Chinese that --crs v is not a system landplan reads,
// and which are.
func crsErrorZH(v string) string {
	return fmt.Sprintf("--crs %q 无效：可用 EPSG:4326（WGS 84 经纬度）、EPSG:4490（CGCS2000 经纬度）、EPSG:4545（CGCS2000 高斯-克吕格 中央经线 108°E）、"+
		"EPSG:4546（中央经线 111°E）、EPSG:4524（36 带，中央经线 108°E）、EPSG:4525（37 带，中央经线 111°E），或留空表示经纬度", v)
}

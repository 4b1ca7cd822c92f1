package data

import (
	"fmt"
	"strings"
)

// kindZH names in Chinese what an import stores, by its English name.
func kindZH(singular string) string {
	switch singular {
	case "parcel":
		return "地块"
	case "proposal":
		return "项目提案"
	case "performance row":
		return "履约监管数据"
	}
	return singular
}

// listSomeZH is listSome in Chinese: at most n items, then how many more.
func listSomeZH(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, "、")
	}
	return fmt.Sprintf("%s 等，另有 %d 个", strings.Join(items[:n], "、"), len(items)-n)
}

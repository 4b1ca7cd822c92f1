// Package policy holds the policy profile: every number and switch of the
// clause-12 rules of Liuzhou's 2022 high-tech zone measures (柳州市关于促进
// 高新技术产业开发区高质量发展的若干措施, clause 12 with clauses 5, 7 and
// 13 around it), each with the clause it implements, its source and its
// confidence mark from docs/policy.md "Confidence marks" ([C] seen in a source text, [C2] seen only
// in a document quoting or applying the rule, [R] not confirmed).
//
// The profile is a TOML file. The Liuzhou 2022 profile is embedded
// (liuzhou-2022.toml) and returned by [Default]; [Load] reads a profile
// file over it, refusing bad TOML (with the line), unknown keys and
// out-of-range values. [Profile.Set] changes one dotted key
// ("facility.raised_cap=0.07") and [Profile.Apply] a scenario's list of
// overrides. [Profile.Canonical] is the stable encoding hashed into a
// plan's policy SHA-256, and [Profile.Settings] lists every effective
// setting with its clause, source and confidence for `landplan policy
// show`, rendered by [Render] as text (English or Chinese) or JSON.
//
// The package holds no rule logic: package rules applies the profile.
package policy

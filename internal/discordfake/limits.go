package discordfake

import (
	"fmt"
	"unicode/utf8"
)

// Discord's documented limits on what a message may hold. The fake refuses
// a body that breaks one with 400 Invalid Form Body (code 50035), or 50006
// for an empty message, as Discord does, so a handler that overflows fails
// its end-to-end test instead of failing in production.
const (
	maxContent      = 2000
	maxEmbeds       = 10
	maxEmbedTitle   = 256
	maxEmbedDesc    = 4096
	maxFields       = 25
	maxFieldName    = 256
	maxFieldValue   = 1024
	maxFooter       = 2048
	maxAuthorName   = 256
	maxEmbedTotal   = 6000
	maxRows         = 5
	maxRowItems     = 5
	maxCustomID     = 100
	maxButtonLabel  = 80
	maxChoices      = 25
	maxChoiceName   = 100
	maxChoiceString = 100
)

// limitError is a refused body: the Discord error code and a message.
type limitError struct {
	code int
	msg  string
}

func invalid(format string, a ...any) *limitError {
	return &limitError{code: 50035, msg: "Invalid Form Body: " + fmt.Sprintf(format, a...)}
}

func runes(v any) int {
	s, _ := v.(string)
	return utf8.RuneCountInString(s)
}

// checkMessage validates a message body (a callback's data, a webhook
// message or a channel message). A new message must not be empty; an edit
// may be.
func checkMessage(m map[string]any, isNew bool) *limitError {
	if n := runes(m["content"]); n > maxContent {
		return invalid("content: must be %d or fewer in length (got %d)", maxContent, n)
	}
	embeds, _ := m["embeds"].([]any)
	if len(embeds) > maxEmbeds {
		return invalid("embeds: must be %d or fewer in length", maxEmbeds)
	}
	// The 6,000 characters are for all of a message's embeds together.
	sum := 0
	for i, e := range embeds {
		em, _ := e.(map[string]any)
		n, err := checkEmbed(i, em)
		if err != nil {
			return err
		}
		if sum += n; sum > maxEmbedTotal {
			return invalid("embeds: the embeds together exceed the maximum size of %d (got %d)", maxEmbedTotal, sum)
		}
	}
	comps, _ := m["components"].([]any)
	if err := checkComponents(comps); err != nil {
		return err
	}
	if isNew && runes(m["content"]) == 0 && len(embeds) == 0 && len(comps) == 0 {
		return &limitError{code: 50006, msg: "Cannot send an empty message"}
	}
	return nil
}

// checkEmbed validates one embed and returns the characters it counts
// towards the message's 6,000.
func checkEmbed(i int, e map[string]any) (int, *limitError) {
	total := 0
	check := func(what string, v any, max int) *limitError {
		n := runes(v)
		total += n
		if n > max {
			return invalid("embeds.%d.%s: must be %d or fewer in length (got %d)", i, what, max, n)
		}
		return nil
	}
	if err := check("title", e["title"], maxEmbedTitle); err != nil {
		return 0, err
	}
	if err := check("description", e["description"], maxEmbedDesc); err != nil {
		return 0, err
	}
	if f, ok := e["footer"].(map[string]any); ok {
		if err := check("footer.text", f["text"], maxFooter); err != nil {
			return 0, err
		}
	}
	if a, ok := e["author"].(map[string]any); ok {
		if err := check("author.name", a["name"], maxAuthorName); err != nil {
			return 0, err
		}
	}
	fields, _ := e["fields"].([]any)
	if len(fields) > maxFields {
		return 0, invalid("embeds.%d.fields: must be %d or fewer in length", i, maxFields)
	}
	for j, f := range fields {
		fm, _ := f.(map[string]any)
		if runes(fm["name"]) == 0 || runes(fm["value"]) == 0 {
			return 0, invalid("embeds.%d.fields.%d: name and value are required", i, j)
		}
		if err := check(fmt.Sprintf("fields.%d.name", j), fm["name"], maxFieldName); err != nil {
			return 0, err
		}
		if err := check(fmt.Sprintf("fields.%d.value", j), fm["value"], maxFieldValue); err != nil {
			return 0, err
		}
	}
	if total > maxEmbedTotal {
		return 0, invalid("embeds.%d: embed size exceeds maximum size of %d (got %d)", i, maxEmbedTotal, total)
	}
	return total, nil
}

func checkComponents(rows []any) *limitError {
	if len(rows) > maxRows {
		return invalid("components: must be %d or fewer in length", maxRows)
	}
	for i, r := range rows {
		row, _ := r.(map[string]any)
		if t, _ := row["type"].(float64); t != 1 {
			return invalid("components.%d.type: top-level components must be action rows", i)
		}
		items, _ := row["components"].([]any)
		if len(items) == 0 || len(items) > maxRowItems {
			return invalid("components.%d.components: must hold 1 to %d items", i, maxRowItems)
		}
		for j, it := range items {
			c, _ := it.(map[string]any)
			style, _ := c["style"].(float64)
			if style == 5 { // link button: url, no custom_id
				continue
			}
			if n := runes(c["custom_id"]); n == 0 || n > maxCustomID {
				return invalid("components.%d.components.%d.custom_id: must be 1 to %d in length (got %d)", i, j, maxCustomID, n)
			}
			if n := runes(c["label"]); n > maxButtonLabel {
				return invalid("components.%d.components.%d.label: must be %d or fewer in length", i, j, maxButtonLabel)
			}
		}
	}
	return nil
}

// checkCallback validates an interaction callback body by its type.
func checkCallback(body map[string]any) *limitError {
	typ, _ := body["type"].(float64)
	data, _ := body["data"].(map[string]any)
	switch typ {
	case 4, 7:
		if data == nil {
			return invalid("data: required for callback type %v", typ)
		}
		return checkMessage(data, typ == 4)
	case 8:
		if data == nil {
			return invalid("data: required for autocomplete results")
		}
		choices, ok := data["choices"].([]any)
		if !ok {
			return invalid("data.choices: this field is required")
		}
		if len(choices) > maxChoices {
			return invalid("data.choices: must be %d or fewer in length", maxChoices)
		}
		for i, c := range choices {
			cm, _ := c.(map[string]any)
			if n := runes(cm["name"]); n == 0 || n > maxChoiceName {
				return invalid("data.choices.%d.name: must be 1 to %d in length", i, maxChoiceName)
			}
			if s, ok := cm["value"].(string); ok && utf8.RuneCountInString(s) > maxChoiceString {
				return invalid("data.choices.%d.value: must be %d or fewer in length", i, maxChoiceString)
			}
		}
	}
	return nil
}

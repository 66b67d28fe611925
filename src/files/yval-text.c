/* yval-text.c: writing a value tree as YAML. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "base/util.h"
#include "files/yval-text.h"

static int
write_buf(void *arg, unsigned char *data, size_t size)
{
	buf_add(arg, data, size);
	return 1;
}

static int
emit(yaml_emitter_t *e, yaml_event_t *ev)
{
	return yaml_emitter_emit(e, ev) ? 0 : -1;
}

static int
scalar(yaml_emitter_t *e, const struct yval *v)
{
	yaml_scalar_style_t	style = YAML_PLAIN_SCALAR_STYLE;
	yaml_event_t		ev;

	if (v->quoted)
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (strchr(v->s, '\n') != NULL)
		style = YAML_LITERAL_SCALAR_STYLE;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)v->s,
	    (int)strlen(v->s), 1, 1, style))
		return -1;
	return emit(e, &ev);
}

static int
node(yaml_emitter_t *e, const struct yval *v)
{
	yaml_event_t ev;

	switch (v->type) {
	case YVAL_SCALAR:
		return scalar(e, v);
	case YVAL_SEQ:
		if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_SEQUENCE_STYLE) || emit(e, &ev) != 0)
			return -1;
		for (size_t i = 0; i < v->n; i++) {
			if (node(e, v->v[i]) != 0)
				return -1;
		}
		yaml_sequence_end_event_initialize(&ev);
		return emit(e, &ev);
	case YVAL_MAP:
		if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE) || emit(e, &ev) != 0)
			return -1;
		for (size_t i = 0; i < v->n; i++) {
			struct yval k = { .type = YVAL_SCALAR, .s = v->keys[i] };

			if (scalar(e, &k) != 0 || node(e, v->v[i]) != 0)
				return -1;
		}
		yaml_mapping_end_event_initialize(&ev);
		return emit(e, &ev);
	}
	return -1;
}

char *
yval_text(const struct yval *v, size_t *size)
{
	yaml_emitter_t	e;
	yaml_event_t	ev;
	struct buf	out = { 0 };
	int		r = -1;

	if (!yaml_emitter_initialize(&e))
		abort();	/* out of memory, as in xmalloc */
	yaml_emitter_set_output(&e, write_buf, &out);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, -1);
	yaml_emitter_set_break(&e, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	if (emit(&e, &ev) == 0 &&
	    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
	    emit(&e, &ev) == 0 && node(&e, v) == 0 &&
	    yaml_document_end_event_initialize(&ev, 1) && emit(&e, &ev) == 0) {
		yaml_stream_end_event_initialize(&ev);
		if (emit(&e, &ev) == 0 && yaml_emitter_flush(&e))
			r = 0;
	}
	yaml_emitter_delete(&e);
	if (r != 0) {
		buf_free(&out);
		return NULL;
	}
	buf_adds(&out, "");
	*size = out.len;
	return buf_take(&out);
}

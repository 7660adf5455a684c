/* ocr.c - one page through libtesseract (see ocr.h). */
#include "ocr.h"

#include <omp.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

struct vns_ocr {
	TessBaseAPI *api;
};

/* Some of Tesseract's parameters, debug_file among them, are global:
 * recognisers are made and ended one at a time (ThreadSanitizer saw two
 * workers set it at once). */
static pthread_mutex_t init_mu = PTHREAD_MUTEX_INITIALIZER;

/* Load the models into api; 0 on success. */
static int init(TessBaseAPI *api)
{
	char *names[] = { "debug_file" };
	char *values[] = { "/dev/null" };
	int failed;

	pthread_mutex_lock(&init_mu);
	/* before Init too: loading complains through the same file */
	TessBaseAPISetVariable(api, names[0], values[0]);
	failed = TessBaseAPIInit4(api, NULL, VNS_OCR_LANGS, OEM_DEFAULT, NULL,
				  0, names, values, 1, 0) != 0;
	pthread_mutex_unlock(&init_mu);
	return failed;
}

vns_status vns_ocr_new(vns_ocr **out, vns_err *err)
{
	vns_ocr *o = calloc(1, sizeof *o);

	if (!o || !(o->api = TessBaseAPICreate())) {
		free(o);
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	}
	if (init(o->api)) {
		vns_ocr_free(o);
		return vns_err_set(err, VNS_EIO, "cannot load the tesseract "
				   "models '%s' (is tesseract-ocr-vie "
				   "installed?)", VNS_OCR_LANGS);
	}
	TessBaseAPISetPageSegMode(o->api, PSM_AUTO);
	*out = o;
	return VNS_OK;
}

void vns_ocr_free(vns_ocr *o)
{
	if (!o)
		return;
	if (o->api) {
		pthread_mutex_lock(&init_mu);
		TessBaseAPIEnd(o->api);
		TessBaseAPIDelete(o->api);
		pthread_mutex_unlock(&init_mu);
	}
	free(o);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The mean of the words' confidences; 0 without words. */
static double mean_confidence(TessBaseAPI *api)
{
	int *conf = TessBaseAPIAllWordConfidences(api);
	double sum = 0;
	int n = 0;

	for (int i = 0; conf && conf[i] >= 0; i++, n++)
		sum += conf[i];
	TessDeleteIntArray(conf);
	return n ? sum / n : 0;
}

vns_status vns_ocr_page(vns_ocr *o, struct Pix *pix, int dpi,
			unsigned seconds, vns_buf *out, double *confidence,
			vns_err *err)
{
	ETEXT_DESC *monitor = TessMonitorCreate();
	double t0 = now();
	char *text = NULL;
	vns_status st = VNS_OK;
	int failed;

	if (!monitor)
		return vns_err_set(err, VNS_ENOMEM, "out of memory");
	/* Debian's Tesseract parallelises parts of a page with OpenMP
	 * (asking for its own thread counts), and OpenMP's waiting threads
	 * spin: on 2 busy cores 4 pages took 13.1 s (7.5 s of CPU). The pool
	 * already runs a page per worker: one thread by default, and with
	 * dynamic adjustment OpenMP gives no more than the processors left
	 * idle: 3.6 s (2.3 s of CPU), as with OMP_THREAD_LIMIT=1. These are
	 * this thread's settings only. */
	omp_set_num_threads(1);
	omp_set_dynamic(1);
	TessBaseAPISetImage2(o->api, pix);
	TessBaseAPISetSourceResolution(o->api, dpi);
	TessMonitorSetDeadlineMSecs(monitor, (int)(seconds * 1000));
	failed = TessBaseAPIRecognize(o->api, monitor);
	if (now() - t0 >= seconds)
		st = vns_err_set(err, VNS_EIO, "recognition stopped after %u s",
				 seconds);
	else if (failed)
		st = vns_err_set(err, VNS_EIO, "tesseract could not recognise "
				 "the page");
	if (!st)
		text = TessBaseAPIGetUTF8Text(o->api);
	if (!st && text && vns_buf_adds(out, text))
		st = vns_err_set(err, VNS_ETOOBIG, "text over %zu bytes",
				 out->cap);
	if (!st)
		*confidence = mean_confidence(o->api);
	TessDeleteText(text);
	TessBaseAPIClear(o->api);
	TessMonitorDelete(monitor);
	return st;
}

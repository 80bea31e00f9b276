;;; Maxima side of the benchmark, preloaded into one long-lived `maxima -p bench/maxima_worker.lisp` process.
;;; bench/maxima-peer.mjs writes these statements per case on stdin:
;;;   %bench_f: []$  %bench_f: [F]$  bench_progress()$
;;;   bench_emit(errcatch(bench_case(%bench_f, [v1, ...], [i1, ...], [x = 0.25, ...], RATSIMP, TEXTS)))$
;;; F is parsed and simplified by Maxima's reader and evaluator before bench_case runs (reading is not timed, nor
;;; is printing); bench_progress prints `@@progress`, which restarts the bench's time limit. bench_case times diff(F, v) for every v (ratsimp(diff(F, v)) when RATSIMP is true) and answers one
;;; line, flushed:
;;;   @@bench <firstMs> <medianMs> <runs> <size> <value of the i1-th partial at the point> ...
;;; or `@@bench error` (after Maxima's own message) when anything fails. When TEXTS is true and the partials'
;;; printed forms (string(d)) total at most +bench-max-text-chars+, the @@bench line is preceded by one line per
;;; partial, in order:
;;;   @@text <length> <string(d)>
;;; (any newline in the text written as a space, so a line is a partial; the length lets the reader check that),
;;; for the node size of bench/size.mjs.
;;;
;;; Timing (in-process, so process start-up is never counted): the first call alone; then, unless it took over a
;;; second, a short warm-up (up to 20 calls or 50 ms, not counted); then up to 201 samples within about 0.4 s (at
;;; least 3, as bench/timing.mjs makes at least 3 repeats). A
;;; sample is a loop of k calls timed together and divided by k, with k chosen so a sample lasts about 0.1 ms
;;; (k = 1 for calls over 0.1 ms): the clock and the loop cost well under 1 % of a sample. Reported: the first call
;;; and the median sample. One call = all partials of the case, as for the other tools.

(in-package :maxima)

;; ratsimp on floats would print a `rat: replaced 0.53 by 53/100` line per float, every call.
(setq $ratprint nil)
;; No %i/%o labels: they would keep every case's input and answer alive for the rest of the run.
(setq $nolabels t)

(defun bench-clock-ms ()
  "Wall-clock milliseconds. GCL's internal clock ticks in 10 ms steps, so GCL reads gettimeofday (about 0.2 µs
steps at today's epoch); other Lisps' internal real time is fine-grained."
  #+gcl (* 1000d0 (si::gettimeofday))
  #-gcl (/ (* 1000d0 (get-internal-real-time)) internal-time-units-per-second))

(defun bench-partials (f vars ratsimp)
  (mapcar #'(lambda (v)
              (let ((d (mfuncall '$diff f v)))
                (if ratsimp (mfuncall '$ratsimp d) d)))
          vars))

(defun bench-sample-ms (f vars ratsimp k)
  "Milliseconds per call over a loop of k calls."
  (let ((t0 (bench-clock-ms)))
    (dotimes (i k) (bench-partials f vars ratsimp))
    (/ (- (bench-clock-ms) t0) k)))

(defconstant +bench-max-samples+ 201)
(defconstant +bench-min-samples+ 3)
(defconstant +bench-budget-ms+ 400d0)
(defconstant +bench-sample-ms+ 0.1d0)
(defconstant +bench-max-text-chars+ 300000) ; as MAX_TEXT_CHARS in bench/size.mjs

(defun bench-time (f vars ratsimp)
  "(values result first-ms median-ms calls)"
  (let* ((t0 (bench-clock-ms))
         (result (bench-partials f vars ratsimp))
         (first-ms (- (bench-clock-ms) t0))
         (samples (list first-ms))
         (calls 1))
    (when (< first-ms 1000d0)
      (let ((best first-ms) (warm-start (bench-clock-ms)))
        (dotimes (i 20)
          (when (> (- (bench-clock-ms) warm-start) 50d0) (return))
          (setq best (min best (bench-sample-ms f vars ratsimp 1))))
        (let ((k (max 1 (floor +bench-sample-ms+ (max best 1d-6))))
              (spent 0d0))
          (setq samples nil)
          (loop while (and (< (length samples) +bench-max-samples+)
                           (or (< spent +bench-budget-ms+) (< (length samples) +bench-min-samples+)))
                do (let ((ms (bench-sample-ms f vars ratsimp k)))
                     (push ms samples)
                     (incf calls k)
                     (incf spent (* ms k)))))))
    (let ((sorted (sort (copy-list samples) #'<)))
      (values result first-ms (nth (floor (length sorted) 2) sorted) calls))))

(defun bench-number-text (x)
  "A float as JavaScript reads it (Maxima prints 1.0E-20 / 1.0e-20 alike; Number() takes both)."
  (mfuncall '$string x))

(defun $bench_progress ()
  (terpri)
  (write-string "@@progress")
  (terpri)
  (finish-output)
  '$done)

(defun bench-emit-texts (texts)
  "One `@@text <length> <text>` line per partial, newlines written as spaces."
  (dolist (text texts)
    (terpri)
    (format t "@@text ~d ~a" (length text) (substitute #\Space #\Newline text)))
  (terpri)
  (finish-output))

(defun $bench_case (f-in-list vars checked point ratsimp texts)
  "F-IN-LIST is [F], or [] when F could not be read (Maxima has printed why)."
  (unless (cdr f-in-list) (merror "the case's f could not be read"))
  (multiple-value-bind (result first-ms median-ms calls) (bench-time (cadr f-in-list) (cdr vars) ratsimp)
    (let* ((strings (mapcar #'(lambda (d) (mfuncall '$string d)) result))
           (size (reduce #'+ (mapcar #'length strings)))
           (values nil))
      (when (and texts (<= size +bench-max-text-chars+)) (bench-emit-texts strings))
      (dolist (i (cdr checked))
        ;; A partial Maxima could not take stays a 'diff noun; substituting a number for its variable is an error.
        (let ((v (handler-case (mfuncall '$float (mfuncall '$substitute point (nth (1- i) result)))
                   (error () nil))))
          (push (if (floatp v) (bench-number-text v) "?") values)))
      (format nil "@@bench ~,6f ~,6f ~d ~d~{ ~a~}" first-ms median-ms calls size (nreverse values)))))

(defun $bench_emit (caught)
  "Prints errcatch's [line], or `@@bench error` for its [], on a line of its own, and flushes."
  (terpri)
  (write-string (if (and (consp caught) (stringp (cadr caught))) (cadr caught) "@@bench error"))
  (terpri)
  (finish-output)
  '$done)

(defun $bench_nest (depth inner)
  "sin(sin(...inner)), depth deep, built in a loop (no 1000-deep parentheses through the reader)."
  (let ((f inner))
    (dotimes (i depth) (setq f (mfuncall '$sin f)))
    f))

package backstep.lint;

/** A group of related rules applied to one sql step in one dialect; findings go to {@link StepContext#out()}. */
interface Check {
  void check(StepContext c);
}

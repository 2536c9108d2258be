package dev.lullabeam.pipeline.stories;

import dev.lullabeam.lib.ageband.AgeBand;
import dev.lullabeam.values.EpisodeOutcome;
import dev.lullabeam.values.EpisodeRequest;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Checks each row's prompt or brief against the age band's word rules before any story is
 * generated for it: a row that breaks them fails with the reasons ({@link #UNFIT}), so the model
 * never spends minutes on a story the gate would reject for what the row itself asked.
 */
public class CheckAgeBand extends PTransform<PCollection<EpisodeRequest>, PCollectionTuple> {
  public static final TupleTag<EpisodeRequest> FIT = new TupleTag<EpisodeRequest>() {};
  public static final TupleTag<EpisodeOutcome> UNFIT = new TupleTag<EpisodeOutcome>() {};

  private final AgeBand band;

  public CheckAgeBand(AgeBand band) {
    this.band = band;
  }

  @Override
  public PCollectionTuple expand(PCollection<EpisodeRequest> rows) {
    return rows.apply(
        "CheckPromptsForAgeBand",
        ParDo.of(new CheckFn(band)).withOutputTags(FIT, TupleTagList.of(UNFIT)));
  }

  /** "the brief is not for ages 3-5: reason; reason", or null when the row is fit. */
  public static String unfit(AgeBand band, EpisodeRequest row) {
    boolean brief = GenerateStories.isBrief(row);
    String text = brief ? row.brief() : row.prompt();
    List<String> reasons = band.checkPrompt(text == null ? "" : text);
    if (reasons.isEmpty()) {
      return null;
    }
    return "the " + (brief ? "brief" : "prompt") + " is not for ages " + band.label() + ": "
        + String.join("; ", reasons);
  }

  static class CheckFn extends DoFn<EpisodeRequest, EpisodeRequest> {
    private final AgeBand band;

    CheckFn(AgeBand band) {
      this.band = band;
    }

    @ProcessElement
    public void process(@Element EpisodeRequest row, MultiOutputReceiver out) {
      String reason = unfit(band, row);
      if (reason == null) {
        out.get(FIT).output(row);
      } else {
        out.get(UNFIT).output(EpisodeOutcome.failed(row.id(), row.line(), reason));
      }
    }
  }
}

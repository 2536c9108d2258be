package dev.lullabeam.lib.voice.mary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import marytts.datatypes.MaryData;
import marytts.datatypes.MaryDataType;
import marytts.datatypes.MaryXML;
import marytts.modules.InternalModule;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Replaces MaryTTS's JTokeniser, whose jtok library is not published on Maven Central. Input
 * reaching the voice is already one normalised sentence (numbers spelled, symbols removed), so
 * splitting words and punctuation marks into MaryXML tokens is all that is left to do.
 */
public class SentenceTokeniser extends InternalModule {

  private static final Pattern TOKEN =
      Pattern.compile("[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*|[.!?]+|[,;:]|[\"“”]|\\S");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?]+");

  public SentenceTokeniser() {
    super("SentenceTokeniser", MaryDataType.RAWMARYXML, MaryDataType.TOKENS, Locale.ENGLISH);
  }

  @Override
  public MaryData process(MaryData input) throws Exception {
    Document doc = input.getDocument();
    List<Node> textNodes = new ArrayList<>();
    collectText(doc.getDocumentElement(), textNodes);
    for (Node text : textNodes) {
      Node parent = text.getParentNode();
      Node container = parent;
      if (!MaryXML.PARAGRAPH.equals(parent.getLocalName())
          && !MaryXML.PARAGRAPH.equals(parent.getNodeName())) {
        container = MaryXML.createElement(doc, MaryXML.PARAGRAPH);
        parent.insertBefore(container, text);
      }
      Element sentence = null;
      Matcher m = TOKEN.matcher(text.getNodeValue());
      while (m.find()) {
        if (sentence == null) {
          sentence = MaryXML.appendChildElement(container, MaryXML.SENTENCE);
        }
        Element token = MaryXML.appendChildElement(sentence, MaryXML.TOKEN);
        token.setTextContent(m.group());
        if (SENTENCE_END.matcher(m.group()).matches()) {
          sentence = null;
        }
      }
      parent.removeChild(text);
    }
    MaryData result = new MaryData(outputType(), input.getLocale());
    result.setDocument(doc);
    return result;
  }

  private static void collectText(Node node, List<Node> out) {
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child.getNodeType() == Node.TEXT_NODE) {
        if (!child.getNodeValue().isBlank()) {
          out.add(child);
        }
      } else if (child.getNodeType() == Node.ELEMENT_NODE) {
        collectText(child, out);
      }
    }
  }
}

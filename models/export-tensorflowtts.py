#!/usr/bin/env python3
"""Export TensorFlowTTS's LJSpeech Tacotron2 + MelGAN into a lullabeam voice folder.

Run once, on a machine with Python 3.8-3.10, TensorFlow 2.x and TensorFlowTTS
(`pip install TensorFlowTTS huggingface_hub`) and access to Hugging Face. lullabeam never runs
this script (nor does CI): it reads the folder it writes with TensorFlow Java.

    python3 models/export-tensorflowtts.py --output models/tacotron2-melgan \
        [--window 6 6] [--max-iterations 2000]

The folder holds
    tacotron2/  SavedModel of tensorspeech/tts-tacotron2-ljspeech-en, signature serving_default
                (input_ids int32 [B,T], input_lengths int32 [B], speaker_ids int32 [B] ->
                output_0 decoder mels, output_1 post-net mels [B,F,80], output_2 stop-token
                logits [B,F], output_3 alignments)
    melgan/     SavedModel of tensorspeech/tts-melgan-ljspeech-en, signature serving_default
                (mels float32 [B,F,80] -> output_0 audio [B,F*256,1] at 22,050 Hz)
    mapper.json the LJSpeech processor's symbol table (its processor.json)

The attention window and the decoder's maximum iterations are fixed in the exported graph:
a sentence that needs more frames than --max-iterations (about 11.6 ms each) is reported by
lullabeam as failed, never cut. Seasons cut sentences at 200 characters (--maxSentenceChars),
roughly 1,200 frames of speech; the default 2,000 leaves room.
"""
import argparse
import os
import shutil

TACOTRON = "tensorspeech/tts-tacotron2-ljspeech-en"
MELGAN = "tensorspeech/tts-melgan-ljspeech-en"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default="models/tacotron2-melgan")
    parser.add_argument("--window", type=int, nargs=2, default=[6, 6], metavar=("FRONT", "BACK"),
                        help="Tacotron2's attention window at inference (default 6 6)")
    parser.add_argument("--max-iterations", type=int, default=2000,
                        help="Tacotron2's maximum decoder iterations (default 2000)")
    args = parser.parse_args()

    import tensorflow as tf
    from huggingface_hub import hf_hub_download
    from tensorflow_tts.inference import TFAutoModel

    os.makedirs(args.output, exist_ok=True)

    tacotron2 = TFAutoModel.from_pretrained(TACOTRON, name="tacotron2")
    tacotron2.setup_window(win_front=args.window[0], win_back=args.window[1])
    tacotron2.setup_maximum_iterations(args.max_iterations)
    tf.saved_model.save(tacotron2, os.path.join(args.output, "tacotron2"),
                        signatures=tacotron2.inference)

    melgan = TFAutoModel.from_pretrained(MELGAN, name="melgan")
    tf.saved_model.save(melgan, os.path.join(args.output, "melgan"), signatures=melgan.inference)

    # The processor's mapper: symbol_to_id, id_to_symbol, speakers_map, processor_name.
    shutil.copyfile(hf_hub_download(TACOTRON, "processor.json"),
                    os.path.join(args.output, "mapper.json"))
    print("voice folder written to", args.output)
    print("check it with: java -jar target/lullabeam.jar speak --voice tacotron2-melgan"
          " --voiceDir", args.output, "--text 'Hello.' --output hello.wav")


if __name__ == "__main__":
    main()

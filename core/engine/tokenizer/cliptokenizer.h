// SPDX-License-Identifier: MIT
#pragma once

#include "engine/tokenizer/tokens.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace easel::engine {

/// Special tokens of a CLIP tokenizer. SD 1.x and SDXL's first tokenizer pad with <|endoftext|>;
/// SDXL's tokenizer_2 pads with "!" (id 0), which transformers then treats as an added special token.
struct ClipTokenizerOptions {
    std::string bosToken = "<|startoftext|>";
    std::string eosToken = "<|endoftext|>";
    std::string padToken = "<|endoftext|>";
    /// Further tokens split out of the text before BPE (tokenizer_config.json "added_tokens_decoder").
    /// BOS, EOS and the pad token always are.
    std::vector<std::string> addedTokens;
};

/// A prompt as transformers returns it with padding="max_length", max_length=77, truncation=True.
struct PaddedTokens {
    std::array<int64_t, kClipContext> ids {};
    std::array<int64_t, kClipContext> attentionMask {}; ///< 1 for BOS, text and EOS; 0 for padding
};

/// The CLIP byte-level BPE tokenizer, equal to transformers' (slow) CLIPTokenizer with ftfy 6.1.1:
/// added tokens split out, ftfy.fix_text, whitespace collapsed, str.lower, CLIP's pre-tokenizer regex,
/// BPE with "</w>" word ends. Thread-safe; the BPE cache is shared behind a mutex.
class ClipTokenizer {
public:
    /// Loads vocab.json and merges.txt from a directory (a diffusers tokenizer/ folder or resources/clip).
    explicit ClipTokenizer(const std::string& directory, ClipTokenizerOptions options = {});
    ClipTokenizer(const std::string& vocabPath, const std::string& mergesPath, ClipTokenizerOptions options = {});
    ~ClipTokenizer();
    ClipTokenizer(ClipTokenizer&&) noexcept;
    ClipTokenizer& operator=(ClipTokenizer&&) noexcept;

    /// A diffusers tokenizer folder, with the special tokens of its tokenizer_config.json (or
    /// special_tokens_map.json): SDXL's tokenizer_2 gets its "!" padding this way.
    static ClipTokenizer fromDiffusersFolder(const std::string& directory);

    /// BPE ids of a text, without BOS/EOS and without truncation.
    std::vector<int64_t> encode(const std::string& text) const;
    /// [BOS] + encode(text)[:75] + [EOS], padded to 77 with the pad token.
    PaddedTokens tokenizePadded(const std::string& text) const;

    int64_t bosId() const { return m_bosId; }
    int64_t eosId() const { return m_eosId; }
    int64_t padId() const { return m_padId; }
    /// Id of a vocabulary entry ("," + "</w>" is A1111's comma), or -1.
    int64_t tokenId(const std::string& token) const;
    std::size_t vocabularySize() const { return m_vocabularySize; }

private:
    struct Cache;

    void load(const std::string& vocabPath, const std::string& mergesPath, const ClipTokenizerOptions& options);
    void loadVocabulary(const std::string& vocabPath, const ClipTokenizerOptions& options);
    void loadMerges(const std::string& mergesPath);
    void addSpecialTokens(const std::string& vocabPath, const ClipTokenizerOptions& options);
    int symbol(const std::string& text);
    void encodePiece(const std::string& text, std::vector<int64_t>& out) const;
    std::vector<int64_t> bpe(const std::string& word) const;

    std::unordered_map<std::string, int> m_symbols; // vocabulary entries and merge results
    std::vector<int64_t> m_symbolIds; // symbol -> token id (unknown symbols: the unk id)
    std::unordered_map<uint64_t, std::pair<int, int>> m_merges; // (left, right) -> (rank, merged symbol)
    std::array<int, 256> m_byteSymbols {};
    std::array<int, 256> m_byteEndSymbols {}; // byte + "</w>"
    std::vector<std::string> m_addedTokens; // longest first
    std::unordered_map<std::string, int64_t> m_addedTokenIds;
    std::unique_ptr<Cache> m_cache;
    std::size_t m_vocabularySize = 0;
    int64_t m_bosId = 0;
    int64_t m_eosId = 0;
    int64_t m_padId = 0;
    int64_t m_unkId = 0;
};

} // namespace easel::engine

/**
 * Short film reviews, each labelled positive (+) or negative (−), written for this deck.
 * Licence: CC0 1.0 Universal (public domain dedication): copy, change and reuse freely,
 * no attribution needed.
 *
 * Many sentences turn on order: a negation ("not bad", "never boring"), or a "but" whose
 * second half decides the verdict, so a model that only counts words is not enough for all
 * of them.
 */
export const SENTENCES = `
+ a wonderful film with a clever script
+ the acting is superb and the story is moving
+ i loved every minute of it
+ one of the best movies i have seen this year
+ a warm and funny story about a family
+ the music is beautiful and the camera work is stunning
+ a smart thriller that keeps you guessing until the end
+ the cast is excellent and the dialogue sparkles
+ a delightful surprise from start to finish
+ the director handles the big scenes with real skill
+ i laughed out loud more than once
+ a moving portrait of two old friends
+ the ending made me cry in the best way
+ it is a joy to watch
+ the lead actress gives a brilliant performance
+ a gripping story told with great care
+ this is a charming little film
+ the jokes land and the pace never drops
+ an honest and touching drama
+ the special effects are impressive and the plot holds together
+ beautifully shot and wonderfully acted
+ i would happily watch it again
+ a fresh take on an old story
+ the film is clever funny and kind
+ a real treat for the whole family
+ the performances are strong across the board
+ an exciting adventure with a big heart
+ the script is sharp and the characters feel real
+ a powerful film that stays with you
+ i enjoyed it far more than i expected
+ the best comedy of the summer
+ a lovely film about growing up
+ the story is simple but the telling is superb
+ it was slow at first but the second half is fantastic
+ not bad at all
+ not boring for a single moment
+ never dull and often very funny
+ i was not disappointed
+ the plot is not original but the acting is great
+ the trailer looked bad but the film is a pleasant surprise
+ it is not perfect but it is a lot of fun
+ the critics hated it but i loved it
+ a little long but worth every minute
+ the first act drags but the ending is brilliant
+ i did not expect to like it so much
+ there is nothing wrong with this film
+ hardly a dull scene in the whole movie
+ a gentle and wise film
+ the animation is gorgeous and the songs are catchy
+ the villain is terrific and the hero is likeable
+ a tense and thrilling ride
+ smart writing and fine acting
+ a great cast at the top of their game
+ the film is full of warmth and humour
+ an uplifting story that earns its tears
+ the best thing i have seen in months
+ a well made and satisfying mystery
+ the twist is clever and well earned
+ the young actors are a delight
+ i left the cinema smiling
+ a witty and stylish comedy
+ an entertaining film from start to finish
+ the battle scenes are breathtaking
+ a fine film with a great soundtrack
+ the story is told with humour and grace
+ the movie is a pleasure to watch
+ it made me laugh and it made me think
+ this film deserves every award it gets
+ a perfect film for a rainy evening
+ the characters are lovable and the story is sweet
+ a bold and original film
+ the acting is natural and the script is funny
+ the best performance of her career
+ a brilliant script and a wonderful cast
+ the film looks great and sounds even better
+ a clever and moving documentary
+ the story kept me hooked all the way
+ i recommend it to everyone
+ a rare film that gets everything right
+ the pacing is perfect and the jokes are fresh
+ it is not a masterpiece but i enjoyed it a lot
+ the effects are cheap but the story is wonderful
+ the film is short but very satisfying
+ the budget was small but the result is impressive
+ no one could have played the part better
+ it never falls into cheap sentiment
+ the dialogue is never boring
+ you will not regret watching it
+ i could not stop smiling
+ the film does not waste a single scene
+ a feel good movie that actually feels good
+ a haunting and beautiful film
+ the score is lovely and the colours are rich
+ a sweet romance with real chemistry between the leads
+ the comedy is sharp and the drama is sincere
+ the sequel is even better than the original
+ a fun and fast adventure
+ the writing is smart and the actors are superb
+ a touching film about loss and hope
+ the documentary is fascinating and well researched
+ this is storytelling at its best
+ a stunning debut from a young director
+ the film grows on you and the ending is perfect
+ i was moved by the final scene
+ the humour is gentle and the story is warm
+ the film is a triumph
+ an excellent thriller with a great twist
+ the cast clearly had fun and so did i
+ every scene is a pleasure
+ a brave and brilliant film
+ the movie is funny sad and true
+ a lively and colourful musical
+ the performances are wonderful and the story is strong
+ i loved the characters and the music
+ i loved it
+ a great film
+ what a wonderful movie
+ truly excellent
+ simply brilliant
+ highly recommended
+ the film is great fun
+ it is a beautiful film
+ a very good film indeed
+ the story is great and the acting is even better
+ a clever plot and a great ending
+ the film is fresh funny and full of life
+ the cinematography alone is worth the ticket
+ it is a great way to spend an evening
+ i have already seen it twice
+ the old actor gives a touching performance
+ the ending is not what i expected and it is great
+ i thought it would be boring but it is exciting
+ the first film was weak but this one is excellent
+ the middle sags a bit but the finale is superb
+ the story is familiar but told with real charm
+ the jokes are silly but the film has a good heart
+ some scenes are too long but the acting is great
+ the hero is not likeable at first but the film wins you over
+ the movie is not flawless but it is very good
+ it is not as bad as the reviews say it is actually good
+ not the best film of the year but a good one
+ a good film
+ a good story with good acting
+ good fun for the whole family
+ the actors are good and the story is good
+ a solid and enjoyable thriller
+ a funny and clever script
+ i liked it very much
+ i really liked the story
+ the kids loved it and so did we
+ an enjoyable and well acted drama
+ the story is original and the twist is great
+ a gorgeous and moving film
+ it is the kind of film that makes you happy
+ the film is wise warm and funny
+ the acting is great the music is great the story is great
+ i was gripped from the first scene
+ a sharp and funny satire
+ an impressive and ambitious film
+ the romance is sweet and believable
+ an intelligent and exciting science fiction film
+ a beautiful and sad love story
+ the horror is scary and the story is clever
+ a scary and very well made horror film
+ the dialogue is witty and the plot is tight
+ an action film with brains and heart
+ i could watch this cast all day
+ the film is worth seeing on a big screen
+ a pleasant and gentle comedy
+ a rich and rewarding film
+ everything about it works
+ the story moves fast and never loses its way
+ it is funny from the first minute to the last
+ the child actors are wonderful
+ the best film of the festival
+ this movie is pure joy
- a boring film with a silly script
- the acting is wooden and the story is dull
- i hated every minute of it
- one of the worst movies i have seen this year
- a cold and lifeless story about a family
- the music is annoying and the camera work is sloppy
- a stupid thriller that gives away its twist too early
- the cast is wasted and the dialogue is painful
- a tiresome mess from start to finish
- the director loses control of the big scenes
- i did not laugh once
- a shallow portrait of two old friends
- the ending made me want my money back
- it is a chore to watch
- the lead actress gives a flat performance
- a confusing story told without care
- this is a forgettable little film
- the jokes fall flat and the pace drags
- a dishonest and manipulative drama
- the special effects are cheap and the plot falls apart
- badly shot and badly acted
- i would never watch it again
- a stale take on an old story
- the film is loud dumb and cruel
- a waste of time for the whole family
- the performances are weak across the board
- a noisy adventure with no heart
- the script is lazy and the characters feel fake
- a pointless film that you forget at once
- i enjoyed it far less than i expected
- the worst comedy of the summer
- a dreary film about growing up
- the story is interesting but the telling is awful
- it was promising at first but the second half is terrible
- not good at all
- not funny for a single moment
- never exciting and often very silly
- i was not impressed
- the plot is original but the acting is terrible
- the trailer looked great but the film is a letdown
- it is not terrible but it is not fun either
- the critics loved it but i hated it
- short but still too long
- the first act is fine but the ending is awful
- i did not expect to hate it so much
- there is nothing good about this film
- hardly a good scene in the whole movie
- a clumsy and preachy film
- the animation is ugly and the songs are forgettable
- the villain is silly and the hero is annoying
- a dull and predictable ride
- lazy writing and poor acting
- a great cast at their very worst
- the film is full of noise and nonsense
- a manipulative story that does not earn its tears
- the worst thing i have seen in months
- a badly made and frustrating mystery
- the twist is stupid and makes no sense
- the young actors are annoying
- i left the cinema angry
- a smug and tasteless comedy
- a tedious film from start to finish
- the battle scenes are a confusing blur
- a poor film with a terrible soundtrack
- the story is told without humour or grace
- the movie is painful to watch
- it made me yawn and it made me sleep
- this film deserves to be forgotten
- a terrible film for any evening
- the characters are unpleasant and the story is sour
- a timid and derivative film
- the acting is forced and the script is unfunny
- the worst performance of her career
- a weak script and a wasted cast
- the film looks cheap and sounds worse
- a dull and shallow documentary
- the story lost me halfway through
- i would not recommend it to anyone
- a film that gets almost everything wrong
- the pacing is awful and the jokes are old
- it is not a disaster but i did not enjoy it
- the effects are impressive but the story is hollow
- the film is long and very unsatisfying
- the budget was huge but the result is a mess
- anyone could have played the part better
- it drowns in cheap sentiment
- the dialogue is never interesting
- you will regret watching it
- i could not wait for it to end
- the film wastes every scene it has
- a feel good movie that only feels fake
- a muddled and ugly film
- the score is bland and the colours are washed out
- a limp romance with no chemistry between the leads
- the comedy is crude and the drama is fake
- the sequel is even worse than the original
- a slow and tired adventure
- the writing is lazy and the actors look bored
- a hollow film about loss and hope
- the documentary is boring and poorly researched
- this is storytelling at its worst
- a weak debut from a young director
- the film drags on and the ending is silly
- i was bored by the final scene
- the humour is mean and the story is cold
- the film is a disaster
- a dull thriller with an obvious twist
- the cast clearly had no fun and neither did i
- every scene is a struggle
- a timid and empty film
- the movie is neither funny nor sad
- a drab and noisy musical
- the performances are poor and the story is weak
- i hated the characters and the music
- i hated it
- a terrible film
- what a boring movie
- truly awful
- simply dreadful
- not recommended
- the film is no fun at all
- it is an ugly film
- a very bad film indeed
- the story is bad and the acting is even worse
- a silly plot and a stupid ending
- the film is stale flat and lifeless
- not even the cinematography is worth the ticket
- it is a terrible way to spend an evening
- once was more than enough
- the old actor looks lost and bored
- the ending is exactly what i expected and it is dull
- i thought it would be exciting but it is boring
- the first film was great but this one is awful
- the start is fine but the finale is a mess
- the story is new but told without any charm
- the actors try hard but the film has no heart
- some scenes are good but the whole is a bore
- the hero is likeable but the film is dull
- the movie looks good but it is very bad
- it is as bad as the reviews say
- not the worst film of the year but a bad one
- a bad film
- a bad story with bad acting
- no fun for the whole family
- the actors are bad and the story is worse
- a sloppy and tedious thriller
- an unfunny and lazy script
- i disliked it very much
- i really disliked the story
- the kids were bored and so were we
- a dreary and badly acted drama
- the story is stale and the twist is silly
- a pretty but empty film
- it is the kind of film that makes you sad you paid
- the film is smug cold and unfunny
- the acting is bad the music is bad the story is bad
- i was bored from the first scene
- a toothless and unfunny satire
- a pretentious and tiresome film
- the romance is forced and unbelievable
- a silly and boring science fiction film
- a flat and lifeless love story
- the horror is not scary and the story is stupid
- a horror film that is neither scary nor clever
- the dialogue is clumsy and the plot is full of holes
- an action film with no brains and no heart
- i could not stand this cast
- the film is not worth seeing at all
- an irritating and crude comedy
- a thin and disappointing film
- nothing about it works
- the story crawls and loses its way
- it is dull from the first minute to the last
- the child actors are irritating
- the worst film of the festival
- this movie is pure torture
`;

export interface LabelledSentence {
  text: string;
  /** 1 = positive, 0 = negative. */
  label: 0 | 1;
}

/** The sentences in file order; throws naming the line when one is not "+ text" or "- text". */
export function parseSentences(source: string = SENTENCES): LabelledSentence[] {
  const out: LabelledSentence[] = [];
  source.split('\n').forEach((line, i) => {
    const t = line.trim();
    if (t === '') return;
    const m = /^([+-]) (\S.*)$/.exec(t);
    if (!m) throw new SyntaxError(`demos/sentiment/sentences.ts line ${i + 1}: expected "+ text" or "- text", got "${t}"`);
    out.push({ text: m[2]!, label: m[1] === '+' ? 1 : 0 });
  });
  return out;
}
